import type { Kysely } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { deleteSession, hashToken } from './store.js';

/** Ends a session here and on every server process that holds it in memory. */
export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, token);
    await announceChange(trx, 'session', hashToken(token));
  });
}
