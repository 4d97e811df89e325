import { readFileSync } from 'node:fs';
import type { AgencyInput } from '../catalog/agency-store.js';

/**
 * Electronic identifiers in the QCVN 102:2016 right-to-left form. The province letter code H13 for
 * Cần Thơ is [unverified] (RULES.md §2): identifiers are data, so a correction is a data change.
 * Communes carry their official 5-digit administrative code inside the identifier.
 */
export const PROVINCE_SUFFIX = 'H13';
export const PROVINCE_AGENCY = `000.00.00.${PROVINCE_SUFFIX}`;
export const PROVINCIAL_CENTRE = `000.00.01.${PROVINCE_SUFFIX}`;

export function communeAgencyCode(adminCode: string): string {
  return `000.${adminCode}.${PROVINCE_SUFFIX}`;
}

interface DepartmentSeed {
  seq: string;
  name: string;
  shortName: string;
  kind: 'department' | 'vertical';
  units: [string, string][];
}

/** The city's specialised agencies after the 2025 reorganisation, plus vertical agencies that receive dossiers at the centre. */
export const DEPARTMENTS: DepartmentSeed[] = [
  {
    seq: '02',
    name: 'Văn phòng Ủy ban nhân dân thành phố',
    shortName: 'VPUBND',
    kind: 'department',
    units: [['KSTTHC', 'Phòng Kiểm soát thủ tục hành chính']],
  },
  {
    seq: '03',
    name: 'Sở Nội vụ',
    shortName: 'SNV',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['CCVC', 'Phòng Công chức, viên chức'],
    ],
  },
  {
    seq: '04',
    name: 'Sở Tài chính',
    shortName: 'STC',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['DKKD', 'Phòng Đăng ký kinh doanh'],
    ],
  },
  {
    seq: '05',
    name: 'Sở Tư pháp',
    shortName: 'STP',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['HCTP', 'Phòng Hành chính tư pháp'],
      ['BTTP', 'Phòng Bổ trợ tư pháp'],
    ],
  },
  {
    seq: '06',
    name: 'Sở Công Thương',
    shortName: 'SCT',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['QLTM', 'Phòng Quản lý thương mại'],
    ],
  },
  {
    seq: '07',
    name: 'Sở Xây dựng',
    shortName: 'SXD',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['QLXD', 'Phòng Quản lý xây dựng'],
      ['QLVT', 'Phòng Quản lý vận tải, phương tiện và người lái'],
    ],
  },
  {
    seq: '08',
    name: 'Sở Nông nghiệp và Môi trường',
    shortName: 'SNNMT',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['QLDD', 'Phòng Quản lý đất đai'],
    ],
  },
  {
    seq: '09',
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'SKHCN',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['CDS', 'Phòng Chuyển đổi số'],
    ],
  },
  {
    seq: '10',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'SGDDT',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['GDPT', 'Phòng Giáo dục phổ thông'],
    ],
  },
  {
    seq: '11',
    name: 'Sở Y tế',
    shortName: 'SYT',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['BTXH', 'Phòng Bảo trợ xã hội và Trẻ em'],
      ['NVY', 'Phòng Nghiệp vụ Y'],
    ],
  },
  {
    seq: '12',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    shortName: 'SVHTTDL',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Sở'],
      ['QLVH', 'Phòng Quản lý văn hóa'],
    ],
  },
  {
    seq: '13',
    name: 'Sở Dân tộc và Tôn giáo',
    shortName: 'SDTTG',
    kind: 'department',
    units: [['VP', 'Văn phòng Sở']],
  },
  { seq: '14', name: 'Sở Ngoại vụ', shortName: 'SNGV', kind: 'department', units: [['VP', 'Văn phòng Sở']] },
  {
    seq: '15',
    name: 'Thanh tra thành phố',
    shortName: 'TTTP',
    kind: 'department',
    units: [['VP', 'Văn phòng']],
  },
  {
    seq: '16',
    name: 'Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ',
    shortName: 'BQLKCN',
    kind: 'department',
    units: [
      ['VP', 'Văn phòng Ban'],
      ['QLDN', 'Phòng Quản lý doanh nghiệp'],
    ],
  },
  {
    seq: '17',
    name: 'Công an thành phố Cần Thơ',
    shortName: 'CATP',
    kind: 'vertical',
    units: [['PC06', 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội']],
  },
  {
    seq: '18',
    name: 'Bảo hiểm xã hội thành phố Cần Thơ',
    shortName: 'BHXH',
    kind: 'vertical',
    units: [['TNTKQ', 'Phòng Tiếp nhận và trả kết quả']],
  },
  {
    seq: '19',
    name: 'Thuế thành phố Cần Thơ',
    shortName: 'THUE',
    kind: 'vertical',
    units: [['TTHT', 'Phòng Tuyên truyền và hỗ trợ người nộp thuế']],
  },
];

export const DEPARTMENT_CODE = (seq: string) => `000.00.${seq}.${PROVINCE_SUFFIX}`;

interface AdminUnit {
  code: string;
  name: string;
  full_name: string;
  type: 'phuong' | 'xa';
}

export function loadCanThoUnits(): AdminUnit[] {
  const raw = JSON.parse(readFileSync(new URL('./data/cantho-units.json', import.meta.url), 'utf8')) as {
    units: AdminUnit[];
  };
  return raw.units;
}

export interface AgencySeed extends AgencyInput {
  units: [string, string][];
}

export function demoAgencies(): AgencySeed[] {
  const agencies: AgencySeed[] = [
    {
      code: PROVINCE_AGENCY,
      name: 'Ủy ban nhân dân thành phố Cần Thơ',
      shortName: 'UBND TP Cần Thơ',
      level: 'province',
      kind: 'province',
      parentCode: null,
      adminUnitCode: '92',
      units: [],
    },
    {
      code: PROVINCIAL_CENTRE,
      name: 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ',
      shortName: 'TTPVHCC',
      level: 'province',
      kind: 'centre',
      parentCode: PROVINCE_AGENCY,
      adminUnitCode: null,
      units: [
        ['TNTKQ', 'Bộ phận Tiếp nhận và Trả kết quả'],
        ['HCTH', 'Phòng Hành chính - Tổng hợp'],
      ],
    },
  ];
  for (const department of DEPARTMENTS) {
    agencies.push({
      code: DEPARTMENT_CODE(department.seq),
      name: department.name,
      shortName: department.shortName,
      level: 'province',
      kind: department.kind,
      parentCode: PROVINCE_AGENCY,
      adminUnitCode: null,
      units: department.units,
    });
  }
  for (const unit of loadCanThoUnits()) {
    const ward = unit.type === 'phuong';
    agencies.push({
      code: communeAgencyCode(unit.code),
      name: `Ủy ban nhân dân ${unit.full_name.replace(/^Phường/, 'phường').replace(/^Xã/, 'xã')}`,
      shortName: unit.full_name,
      level: 'commune',
      kind: ward ? 'ward' : 'commune',
      parentCode: PROVINCE_AGENCY,
      adminUnitCode: unit.code,
      units: [
        ['TTPVHCC', 'Trung tâm Phục vụ hành chính công'],
        ['VP', 'Văn phòng HĐND và UBND'],
        ['VHXH', 'Phòng Văn hóa - Xã hội'],
        [ward ? 'KTHTDT' : 'KT', ward ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế'],
      ],
    });
  }
  return agencies;
}

/** Where demo officers sit: the provincial centre, one department and one ward. */
export const DEMO_SITES = [
  { agencyCode: PROVINCIAL_CENTRE, suffix: '', unitCode: 'TNTKQ', citizen: true },
  { agencyCode: DEPARTMENT_CODE('05'), suffix: '.stp', unitCode: 'HCTP', citizen: false },
  { agencyCode: communeAgencyCode('31135'), suffix: '.ninhkieu', unitCode: 'VHXH', citizen: false },
] as const;
