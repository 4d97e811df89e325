import type { Kysely } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { Actor } from './roles.js';
import { deleteSessionOfUser, hashToken, sessionsOfUser } from './store.js';

/** The caller's live sessions (never anyone else's), marking the one this request came with. */
export async function listOwnSessions(
  db: Kysely<Database>,
  actor: Actor,
  currentToken: string | null,
  now: Date,
  idleMinutes: number,
) {
  const current = currentToken ? hashToken(currentToken) : null;
  const rows = await sessionsOfUser(db, actor.id, now, idleMinutes);
  return rows.map((row) => ({
    id: String(row.id),
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: row.user_agent,
    current: row.token_hash === current,
  }));
}

/** Ends one of the caller's sessions on every server process; another user's session id is not found. */
export async function endOwnSession(db: Kysely<Database>, actor: Actor, sessionId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const tokenHash = await deleteSessionOfUser(trx, actor.id, sessionId);
    if (!tokenHash) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên đăng nhập.');
    await announceChange(trx, 'session', tokenHash);
    return tokenHash;
  });
}
