import type { Kysely } from 'kysely';
import { agencyBrief, communeOfWard } from '../catalog/agency-store.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';

interface ProcedureRouting {
  levels: string[];
  handlingAgencyCode: string | null;
}

/**
 * The competent agency: the one named in the request; for commune-level procedures the commune that
 * received it, else the applicant's commune; for province-level ones the department set on the procedure.
 * Any centre receives any procedure, whatever the applicant's address (plan 56/KH-UBND, 9.3).
 */
export async function routeToAgency(
  db: Kysely<Database>,
  procedure: ProcedureRouting,
  receivingAgency: string,
  applicantWard: string,
  requested: string | undefined,
): Promise<string> {
  if (requested) {
    if (!(await agencyBrief(db, requested)))
      throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${requested}.`);
    return requested;
  }
  if (procedure.levels.includes('commune') && !procedure.levels.includes('province')) {
    const receiving = await agencyBrief(db, receivingAgency);
    if (receiving?.level === 'commune') return receivingAgency;
    const commune = await communeOfWard(db, applicantWard);
    if (commune) return commune;
    throw new AppError(
      'VALIDATION_FAILED',
      'Không xác định được UBND xã, phường có thẩm quyền từ địa chỉ người nộp.',
      [{ field: 'body.applicant.address.wardCode', message: 'Mã xã, phường không thuộc thành phố' }],
    );
  }
  if (procedure.handlingAgencyCode) return procedure.handlingAgencyCode;
  return receivingAgency;
}

export async function defaultReceivingCentre(
  db: Kysely<Database>,
  procedureLevels: string[],
  applicantWard: string,
  provincialCentre: string,
): Promise<string> {
  if (procedureLevels.includes('commune') && !procedureLevels.includes('province')) {
    return (await communeOfWard(db, applicantWard)) ?? provincialCentre;
  }
  return provincialCentre;
}
