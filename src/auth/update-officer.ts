import type { Kysely } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { requireAccountScope, requireAgencyAndUnit } from './account-scope.js';
import type { AgencyDirectory, OfficerChange } from './accounts-model.js';
import type { Actor, Role } from './roles.js';
import { type AccountRow, deleteSessionsOfUser, findAccount, updateOfficer } from './store.js';

/**
 * Changes an officer's role, agency, unit, name or whether the account may sign in. It applies on the
 * officer's next request on every server process (the change is announced); a disabled account's sessions
 * end. Moving an officer needs both agencies in the administrator's scope; an administrator cannot disable
 * or demote themselves (nobody would be left to undo it).
 */
export async function updateOfficerAccount(
  db: Kysely<Database>,
  agencies: AgencyDirectory,
  actor: Actor,
  username: string,
  change: OfficerChange,
): Promise<AccountRow> {
  const current = await findAccount(db, username);
  if (!current || current.role === 'citizen')
    throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản cán bộ.');
  const agencyCode = change.agencyCode ?? (current.agency_code as string);
  const movesAgency = agencyCode !== current.agency_code;
  const unitId = change.unitId !== undefined ? change.unitId : movesAgency ? null : current.unit_id;
  await requireAccountScope(agencies, actor, [current.agency_code, agencyCode]);
  await requireAgencyAndUnit(agencies, agencyCode, unitId);
  const next = {
    role: change.role ?? (current.role as Role),
    agencyCode,
    unitId,
    active: change.active ?? current.active,
    fullName: change.fullName ?? current.full_name,
  };
  if (current.id === actor.id && (!next.active || next.role !== actor.role))
    throw new AppError('CONFLICT', 'Không thể tự khóa hoặc tự đổi vai trò của chính mình.');
  await db.transaction().execute(async (trx) => {
    await updateOfficer(trx, current.id, next);
    if (!next.active) await deleteSessionsOfUser(trx, current.id);
    await announceChange(trx, 'user', String(current.id));
  });
  const updated = await findAccount(db, username);
  if (!updated) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản cán bộ.');
  return updated;
}
