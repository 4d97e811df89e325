import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isProvinceWide, requireAccountScope } from './account-scope.js';
import type { AgencyDirectory } from './accounts-model.js';
import type { Actor } from './roles.js';
import { listAccounts } from './store.js';

/** The officer accounts an administrator manages: of one agency in scope, or of the whole scope. */
export async function listAccountsInScope(
  db: Kysely<Database>,
  agencies: AgencyDirectory,
  actor: Actor,
  agencyCode: string | undefined,
) {
  if (agencyCode) {
    await requireAccountScope(agencies, actor, [agencyCode]);
    return listAccounts(db, agencyCode);
  }
  if (await isProvinceWide(agencies, actor)) return listAccounts(db, null);
  await requireAccountScope(agencies, actor, [actor.agencyCode]);
  return listAccounts(db, actor.agencyCode);
}
