import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuthSettings } from './settings.js';
import { purgeEndedSessions, purgeExpiredChallenges, purgeStaleFailures } from './store.js';

/** Deletes ended sessions, expired login challenges and stale failure counts once; the number of sessions deleted. */
export async function purgeSessions(
  db: Kysely<Database>,
  settings: AuthSettings,
  now: Date,
): Promise<number> {
  const sessions = await purgeEndedSessions(db, now, settings.sessionIdleMinutes);
  await purgeStaleFailures(db, now);
  await purgeExpiredChallenges(db, now);
  return sessions;
}

/**
 * Runs the purge every `purgeEveryMinutes` in this process (every server process runs it: the deletes are
 * idempotent, so running them twice costs a little and coordinates nothing). Ended sessions are refused
 * anyway; the purge keeps tokens' hashes and user agents from staying in the database forever.
 */
export function schedulePurge(
  db: Kysely<Database>,
  settings: AuthSettings,
  now: () => number,
  onError: (error: unknown) => void,
): () => void {
  const timer = setInterval(() => {
    purgeSessions(db, settings, new Date(now())).catch(onError);
  }, settings.purgeEveryMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
