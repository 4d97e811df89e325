import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../dossiers/events.js';
import { foldEvents } from '../../dossiers/state.js';
import type { DossierAtEvent } from '../dossier-at-event.js';
import { isFirstSync, isHandOver, progressRecordOf, syncRecordOf } from './map-dossier.js';
import { progressRecordSchema, syncRecordSchema } from './model.js';
import { portalDate } from './portal-date.js';

const CENTRE = '000.00.01.H13';
const DEPARTMENT = '000.00.07.H13';
const at = (iso: string) => Date.parse(iso);
const RECEIVED = at('2026-11-23T02:00:00Z');
const FIRST_DUE = at('2026-12-07T10:00:00Z');
const ASKED = at('2026-11-25T03:00:00Z');
const ANSWERED = at('2026-11-27T04:00:00Z');
const NEW_DUE = at('2026-12-11T10:00:00Z');

const header = {
  actorRole: 'receiver' as const,
  actorAgency: CENTRE,
  agencyCode: DEPARTMENT,
  note: null,
};

/** A postal reception for a business, appraised, sent back for a supplement that restarts the time limit. */
const events: DossierEvent[] = [
  {
    ...header,
    seq: 1,
    at: RECEIVED,
    actorId: 11,
    action: 'receive',
    fromStep: null,
    toStep: 'receive',
    fromStatus: null,
    toStatus: 'accepted',
    payload: {
      channel: 'postal',
      receivingAgency: CENTRE,
      handlingAgency: DEPARTMENT,
      processId: 7,
      procedureVersionId: 3,
      stepDueAt: null,
      documents: [{ name: 'Đơn đề nghị cấp giấy phép xây dựng', form: 'original', copies: 1 }],
      dueAt: FIRST_DUE,
    },
  },
  {
    ...header,
    seq: 2,
    at: at('2026-11-23T03:00:00Z'),
    actorId: 11,
    action: 'forward',
    fromStep: 'receive',
    toStep: 'appraise',
    fromStatus: 'accepted',
    toStatus: 'processing',
    payload: { stepDueAt: at('2026-11-30T10:00:00Z'), assigneeId: null },
  },
  {
    ...header,
    seq: 3,
    at: ASKED,
    actorId: 12,
    actorRole: 'processor',
    actorAgency: DEPARTMENT,
    action: 'request_supplement',
    fromStep: 'appraise',
    toStep: 'appraise',
    fromStatus: 'processing',
    toStatus: 'supplement_requested',
    payload: {
      items: ['Bản vẽ thiết kế', 'Giấy tờ về quyền sử dụng đất'],
      reason: 'Thiếu bản vẽ',
      phase: 'processing',
      stepDueAt: null,
    },
  },
  {
    ...header,
    seq: 4,
    at: ANSWERED,
    actorId: null,
    actorRole: null,
    actorAgency: null,
    action: 'submit_supplement',
    fromStep: 'appraise',
    toStep: 'appraise',
    fromStatus: 'supplement_requested',
    toStatus: 'processing',
    payload: {
      documents: [{ name: 'Bản vẽ thiết kế', form: 'copy', copies: 1 }],
      stepDueAt: null,
      dueAt: NEW_DUE,
    },
  },
];

function dossierAt(seq: number): DossierAtEvent {
  const upTo = events.filter((event) => event.seq <= seq);
  return {
    code: `${CENTRE}-261123-0007`,
    procedure: {
      code: '1.009794',
      name: 'Cấp giấy phép xây dựng',
      field: 'Hoạt động xây dựng',
      fieldCode: 'hoat-dong-xay-dung',
      fees: [
        {
          amount: 150_000,
          currency: 'VND',
          basis: null,
          description: 'Lệ phí cấp giấy phép',
          exemptions: null,
          label: null,
          shown: null,
          flags: [],
        },
      ],
    },
    resultType: 'Giấy phép xây dựng',
    applicant: {
      kind: 'organisation',
      fullName: 'Công ty TNHH Xây dựng Tây Đô',
      idNumber: '1800123456',
      address: { line: '5 Hòa Bình', wardCode: '31135' },
      phone: '02923820000',
    },
    events: upTo,
    state: foldEvents(upTo),
    agencyNames: new Map([
      [CENTRE, 'Trung tâm Phục vụ hành chính công'],
      [DEPARTMENT, 'Sở Xây dựng'],
    ]),
    people: new Map([
      [11, 'Lê Thị Thu'],
      [12, 'Phạm Văn Long'],
    ]),
    processes: new Map([
      [
        7,
        [
          {
            key: 'receive',
            name: 'Tiếp nhận',
            kind: 'reception',
            role: 'receiver',
            unit: 'mot_cua',
            budget: null,
            next: [],
          },
          {
            key: 'appraise',
            name: 'Thẩm định',
            kind: 'appraisal',
            role: 'processor',
            unit: null,
            budget: null,
            next: [],
          },
        ],
      ],
    ]),
    unitNames: new Map([[`${CENTRE}/mot_cua`, 'Bộ phận Một cửa']]),
  };
}

describe('the portal record of a dossier at one event', () => {
  it('describes a business, the channel, the restarted appointment and the supplement with both appointments', () => {
    const record = syncRecordOf(dossierAt(4));
    expect(syncRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      ChuHoSo: 'Công ty TNHH Xây dựng Tây Đô',
      LoaiDoiTuong: '2',
      MaDoiTuong: '1800123456',
      HinhThuc: '3',
      TrangThaiHoSo: '4',
      NgayTiepNhan: portalDate(RECEIVED),
      NgayHenTra: portalDate(NEW_DUE),
      NgayTra: '',
      DonViXuLy: 'Sở Xây dựng',
      DanhSachLePhi: [expect.objectContaining({ TenPhiLePhi: 'Lệ phí cấp giấy phép', Gia: 150_000 })],
    });
    expect(record.TaiLieuNop.map((file) => file.TenTepDinhKem)).toEqual([
      'Đơn đề nghị cấp giấy phép xây dựng',
      'Bản vẽ thiết kế',
    ]);
    expect(record.DanhSachHoSoBoSung).toEqual([
      {
        NguoiYeuCauBoSung: 'Phạm Văn Long',
        NoiDungBoSung: 'Bản vẽ thiết kế; Giấy tờ về quyền sử dụng đất. Lý do: Thiếu bản vẽ',
        NgayYeuCauBoSung: portalDate(ASKED),
        NgayTiepNhanBoSung: portalDate(ANSWERED),
        NgayHenTraTruoc: portalDate(FIRST_DUE),
        NgayHenTraMoi: portalDate(NEW_DUE),
      },
    ]);
  });

  it('describes the moment of the event, not the dossier as it is now', () => {
    const asked = syncRecordOf(dossierAt(3));
    expect(asked).toMatchObject({ TrangThaiHoSo: '5', NgayHenTra: portalDate(FIRST_DUE) });
    expect(asked.GhiChu).toBe('Yêu cầu bổ sung, hoàn thiện: Thiếu bản vẽ');
    expect(asked.DanhSachHoSoBoSung[0]?.NgayTiepNhanBoSung).toBe('');
    expect(isFirstSync(dossierAt(1))).toBe(true);
    expect(isFirstSync(dossierAt(2))).toBe(false);
  });

  it('reports hand-overs between steps only, with who handed over, in which unit, and the next due time', () => {
    expect(events.map(isHandOver)).toEqual([false, true, false, false]);
    const progress = progressRecordOf(dossierAt(2));
    expect(progressRecordSchema.parse(progress)).toEqual(progress);
    expect(progress).toEqual({
      MaHoSo: `${CENTRE}-261123-0007`,
      NguoiXuLy: 'Lê Thị Thu',
      ChucDanh: 'Công chức Bộ phận Một cửa',
      ThoiDiemXuLy: portalDate(at('2026-11-23T03:00:00Z')),
      PhongBanXuLy: 'Bộ phận Một cửa',
      NoiDungXuLy: 'Chuyển bước xử lý: Tiếp nhận → Thẩm định',
      TrangThai: '4',
      NgayBatDau: portalDate(at('2026-11-23T03:00:00Z')),
      NgayKetThucTheoQuyDinh: portalDate(at('2026-11-30T10:00:00Z')),
    });
  });
});
