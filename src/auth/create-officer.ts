import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { requireAccountScope, requireAgencyAndUnit } from './account-scope.js';
import type { AgencyDirectory, NewOfficer } from './accounts-model.js';
import { issueResetLink } from './issue-reset-link.js';
import { hashPassword } from './passwords.js';
import type { Actor } from './roles.js';
import { insertOfficer } from './store.js';

/**
 * An administrator opens an officer account in their scope. Nobody picks the officer's password: the
 * account starts with a random one and the administrator hands over a one-time link to set it.
 */
export async function createOfficer(
  db: Kysely<Database>,
  agencies: AgencyDirectory,
  actor: Actor,
  officer: NewOfficer,
  context: { now: Date; publicUrl: string },
): Promise<{ link: string; expiresAt: Date }> {
  await requireAccountScope(agencies, actor, [officer.agencyCode]);
  await requireAgencyAndUnit(agencies, officer.agencyCode, officer.unitId);
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  return db.transaction().execute(async (trx) => {
    const created = await insertOfficer(trx, { ...officer, passwordHash });
    if (!created) throw new AppError('CONFLICT', 'Tên đăng nhập đã được dùng.');
    return issueResetLink(trx, { userId: created.id, createdBy: actor.id, ...context });
  });
}
