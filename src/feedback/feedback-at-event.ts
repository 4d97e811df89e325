import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FeedbackEvent } from './events.js';
import { type FeedbackState, foldFeedbackEvents } from './state.js';
import { findFeedbackRow, loadFeedbackEvents } from './store.js';

/**
 * A feedback item as it stood right after one of its events, for other modules (the submitter's notices):
 * how to reach the submitter, and nothing else about them.
 */
export interface FeedbackAtEvent {
  code: string;
  /** Null for both when the submitter left no way to reach them (anonymous feedback). */
  contact: { email: string | null; phone: string | null };
  /** The item's events up to and including the one being told. */
  events: FeedbackEvent[];
  state: FeedbackState;
}

export type FeedbackRead = { ok: true; feedback: FeedbackAtEvent } | { ok: false; error: string };

export async function readFeedbackAtEvent(
  db: Kysely<Database>,
  code: string,
  seq: number,
): Promise<FeedbackRead> {
  const row = await findFeedbackRow(db, code);
  if (!row) return { ok: false, error: `feedback ${code} not found` };
  const events = (await loadFeedbackEvents(db, row.id)).filter((event) => event.seq <= seq);
  if (events.at(-1)?.seq !== seq) return { ok: false, error: `feedback ${code} has no event ${seq}` };
  return {
    ok: true,
    feedback: {
      code: row.code,
      contact: { email: row.submitter?.email ?? null, phone: row.submitter?.phone ?? null },
      events,
      state: foldFeedbackEvents(events),
    },
  };
}
