export const ROLES = [
  'citizen',
  'receiver',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
  'controller',
  'admin',
  'postal',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES_VI: Record<Role, string> = {
  citizen: 'Người dân, doanh nghiệp',
  receiver: 'Công chức Bộ phận Một cửa',
  processor: 'Chuyên viên xử lý',
  unit_head: 'Lãnh đạo phòng',
  agency_head: 'Lãnh đạo cơ quan',
  clerk: 'Văn thư',
  controller: 'Cán bộ kiểm soát TTHC',
  admin: 'Quản trị hệ thống',
  postal: 'Nhân viên bưu chính công ích',
};

/** The user as every policy sees it. */
export interface Actor {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string | null;
  unitId: number | null;
  unitCode: string | null;
  /**
   * Works for the province as a whole (the provincial People's Committee or its public-service centre), not
   * for one department or commune: only such controllers and administrators oversee every dossier and set
   * what applies province-wide (catalogue, processes, calendar, other agencies' office hours).
   */
  provinceWide: boolean;
}

/** Agency kinds whose staff act for the whole province (see `Actor.provinceWide`). */
export const PROVINCE_WIDE_KINDS = ['province', 'centre'] as const;

/** Every role that works for an agency (all but the applicant). */
export const OFFICER_ROLES = ROLES.filter((role) => role !== 'citizen');
