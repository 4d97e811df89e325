import type { FieldIssue } from '../shared/errors.js';
import type { Applicant } from './model.js';

/** Who filed online, as the identity provider verified them. */
export interface VerifiedFiler {
  idNumber: string;
  fullName: string;
  organisation: { taxCode: string; name: string } | null;
}

export interface RepresentativeInput {
  fullName: string;
  idNumber: string;
  address?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  authorisation?: string | undefined;
}

/**
 * In what capacity a verified person files: for themselves; as the legal representative of the organisation
 * the identity provider says they represent; or for someone else under an authorisation. The one-stop rules
 * (Decree 118/2025, which replaced Decree 61/2018) let an authorised person file, and the receipt names them
 * with their authorisation paper (RULES.md §3, "Receipt and appointment").
 */
export type FilingCapacity = 'self' | 'legal_representative' | 'authorised';

export type CapacityDecision =
  | {
      ok: true;
      capacity: FilingCapacity;
      representative: (RepresentativeInput & { capacity: FilingCapacity }) | null;
    }
  | { ok: false; problems: FieldIssue[] };

export const LEGAL_REPRESENTATIVE_VI = 'Người đại diện theo pháp luật (xác thực qua VNeID)';

/**
 * The rule for an online filing by an account whose identity was verified: whoever the applicant is, the
 * person behind the account is on the record — as the applicant, as the organisation's legal representative,
 * or as the representative who holds an authorisation, which must then be named.
 */
export function decideFilingCapacity(
  filer: VerifiedFiler,
  applicant: Applicant,
  representative: RepresentativeInput | undefined,
): CapacityDecision {
  if (representative && representative.idNumber !== filer.idNumber)
    return {
      ok: false,
      problems: [
        {
          field: 'representative.idNumber',
          message: 'Người nộp thay trên hồ sơ trực tuyến phải là chính chủ tài khoản đang đăng nhập.',
        },
      ],
    };
  if (applicant.kind === 'person' && applicant.idNumber === filer.idNumber)
    return { ok: true, capacity: 'self', representative: null };
  const self = {
    fullName: filer.fullName,
    idNumber: filer.idNumber,
    ...(representative?.phone ? { phone: representative.phone } : {}),
    ...(representative?.email ? { email: representative.email } : {}),
    ...(representative?.address ? { address: representative.address } : {}),
  };
  if (applicant.kind === 'organisation' && filer.organisation?.taxCode === applicant.idNumber)
    return {
      ok: true,
      capacity: 'legal_representative',
      representative: { ...self, authorisation: LEGAL_REPRESENTATIVE_VI, capacity: 'legal_representative' },
    };
  const authorisation = representative?.authorisation?.trim() ?? '';
  if (authorisation.length < 5)
    return {
      ok: false,
      problems: [
        {
          field: 'representative.authorisation',
          message:
            applicant.kind === 'organisation'
              ? 'Tài khoản không phải người đại diện theo pháp luật của tổ chức này: cần ghi văn bản ủy quyền (số, ngày, người ký).'
              : 'Nộp hồ sơ cho người khác cần ghi văn bản ủy quyền (số, ngày, người ủy quyền).',
        },
      ],
    };
  return {
    ok: true,
    capacity: 'authorised',
    representative: { ...self, authorisation, capacity: 'authorised' },
  };
}
