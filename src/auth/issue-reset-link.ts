import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { RESET_LINK_HOURS } from './accounts-model.js';
import { insertPasswordReset } from './store.js';

/**
 * Makes a one-time link to set an account's password: the token travels only in the link's fragment (never
 * sent to a server, so never in a log) and only its hash is stored; it expires after RESET_LINK_HOURS.
 */
export async function issueResetLink(
  db: Kysely<Database>,
  reset: { userId: number; createdBy: number | null; now: Date; publicUrl: string },
): Promise<{ link: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(reset.now.getTime() + RESET_LINK_HOURS * 3_600_000);
  await insertPasswordReset(db, {
    token,
    userId: reset.userId,
    createdBy: reset.createdBy,
    now: reset.now,
    expiresAt,
  });
  return { link: `${reset.publicUrl}/dat-mat-khau#${token}`, expiresAt };
}
