import type { Kysely } from 'kysely';
import { isoFromDay, localDay } from '../calendar/dates.js';
import type { Database } from '../db/schema.js';
import { publish } from '../outbox/store.js';
import { AppError } from '../shared/errors.js';
import type { FeedbackDecision, FeedbackEvent, FeedbackEventOf } from './events.js';
import { feedbackCode } from './feedback-code.js';
import { applyFeedbackEvent, foldFeedbackEvents, initialFeedbackState } from './state.js';
import {
  appendFeedbackEvent,
  type FeedbackRow,
  insertFeedback,
  type NewFeedback,
  nextFeedbackSerial,
} from './store.js';

/** The outbox topic of feedback events; the message's stream is the item's code. */
export const FEEDBACK_TOPIC = 'feedback';

/**
 * The one writer of feedback events: in the caller's transaction it numbers the event, folds the state,
 * writes the projection (conditional on the version read: a lost race is a 409), the event, and the outbox
 * message that tells other systems of it (the submitter's notices), which exists only if the event commits.
 */
export async function openFeedback(
  trx: Kysely<Database>,
  item: Omit<NewFeedback, 'code'>,
  decision: Extract<FeedbackDecision, { action: 'receive' }>,
): Promise<FeedbackRow> {
  const event: FeedbackEventOf<'receive'> = { ...decision, seq: 1 };
  const serial = await nextFeedbackSerial(trx, isoFromDay(localDay(decision.at)));
  const code = feedbackCode(decision.at, serial);
  const row = await insertFeedback(trx, { ...item, code }, initialFeedbackState(event), event);
  await publishFeedbackEvent(trx, row.code, event);
  return row;
}

export async function appendToFeedback(
  trx: Kysely<Database>,
  row: FeedbackRow,
  events: FeedbackEvent[],
  decision: FeedbackDecision,
): Promise<FeedbackRow> {
  if (events.length !== row.version) throw new Error(`feedback ${row.code}: events and projection differ`);
  const event = { ...decision, seq: row.version + 1 } as FeedbackEvent;
  const next = applyFeedbackEvent(foldFeedbackEvents(events), event);
  const updated = await appendFeedbackEvent(trx, row, next, event);
  if (!updated)
    throw new AppError(
      'VERSION_CONFLICT',
      'Phản ánh, kiến nghị vừa được người khác thao tác; tải lại trước khi thao tác.',
    );
  await publishFeedbackEvent(trx, updated.code, event);
  return updated;
}

function publishFeedbackEvent(trx: Kysely<Database>, code: string, event: FeedbackEvent): Promise<void> {
  return publish(trx, {
    topic: FEEDBACK_TOPIC,
    kind: event.action,
    stream: code,
    payload: { event: { seq: event.seq } },
  });
}
