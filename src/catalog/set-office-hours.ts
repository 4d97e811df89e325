import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { compileOfficeHours, type OfficeHours } from '../calendar/office-hours.js';
import type { Database } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import { updateOfficeHours } from './agency-store.js';
import { canSetOfficeHours } from './policy.js';

/** Sets the sessions and intake cut-off an agency's deadlines are counted in. */
export async function setOfficeHours(
  db: Kysely<Database>,
  actor: Actor,
  agencyCode: string,
  hours: OfficeHours,
) {
  if (!canSetOfficeHours(actor, agencyCode)) {
    throw new AppError(
      'FORBIDDEN',
      'Chỉ lãnh đạo, quản trị của cơ quan hoặc quản trị hệ thống cấp tỉnh được đặt giờ làm việc của cơ quan.',
    );
  }
  try {
    compileOfficeHours(hours);
  } catch (error) {
    throw invalid([{ field: 'body.sessions', message: (error as Error).message }]);
  }
  if (!(await updateOfficeHours(db, agencyCode, { sessions: hours.sessions, cutoff: hours.cutoff }))) {
    throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${agencyCode}.`);
  }
}
