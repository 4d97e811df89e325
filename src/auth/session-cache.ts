import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/schema.js';
import type { Actor } from './roles.js';
import { hashToken, sessionForToken } from './store.js';

/** How long a verified session is trusted without asking the database again. */
const TRUST_MS = 30_000;

/**
 * Sessions verified once are kept in memory for a short while, so most requests need no database round trip
 * to know who is calling. A logout (or a change to the user) is announced to every server process, which
 * forgets the session at once (see the server's change feed); the short trust window bounds what a missed
 * announcement could cost. Unknown tokens are never remembered: a guess always reaches the database.
 */
export class SessionCache {
  private readonly sessions = new LRUCache<string, { actor: Actor; expiresAt: number; checkedAt: number }>({
    max: 50_000,
    ttl: TRUST_MS,
  });

  /** `idleMinutes`: a session unused for that long ends (the database is the judge; see `sessionForToken`). */
  constructor(
    private readonly idleMinutes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async actor(db: Kysely<Database>, token: string): Promise<Actor | null> {
    const now = this.now();
    const hash = hashToken(token);
    const known = this.sessions.get(hash);
    // Trusted while the session lasts and the last check is recent; a check counts as use (idle expiry).
    if (known && known.expiresAt > now && now - known.checkedAt < TRUST_MS) return known.actor;
    const session = await sessionForToken(db, token, new Date(now), this.idleMinutes);
    if (!session) {
      this.sessions.delete(hash);
      return null;
    }
    this.sessions.set(hash, { ...session, checkedAt: now });
    return session.actor;
  }

  forgetSession(tokenHash: string): void {
    this.sessions.delete(tokenHash);
  }

  forgetUser(userId: number): void {
    for (const [hash, session] of this.sessions.entries())
      if (session.actor.id === userId) this.sessions.delete(hash);
  }

  clear(): void {
    this.sessions.clear();
  }
}
