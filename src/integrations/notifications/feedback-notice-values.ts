import type { Kysely } from 'kysely';
import { agencyBrief } from '../../catalog/agency-store.js';
import type { Database } from '../../db/schema.js';
import type { FeedbackAtEvent } from '../../feedback/feedback-at-event.js';
import type { NoticeValues } from './model.js';
import { noticeTime } from './notice-values.js';

/** Who speaks when the event names no agency (feedback taken in on the portal, before it is classified). */
const DESK = 'Bộ phận tiếp nhận phản ánh, kiến nghị';

/**
 * The values a notice about a feedback item's last event is filled with: the item, the agency that acted,
 * the times, and what the event says to the submitter. Nothing about the submitter: the message goes to
 * them. The follow page asks for the key, which only they hold.
 */
export async function feedbackNoticeValues(
  db: Kysely<Database>,
  feedback: FeedbackAtEvent,
  options: { publicUrl: string; contactLine: string },
): Promise<NoticeValues> {
  const event = feedback.events.at(-1);
  if (!event) throw new Error(`feedback ${feedback.code} has no event`);
  const agencyCode = event.actorAgency ?? feedback.state.handlingAgency;
  const agency = (agencyCode === null ? undefined : await agencyBrief(db, agencyCode))?.name ?? DESK;
  const dueAt =
    event.action === 'receive'
      ? event.payload.classifyBy
      : event.action === 'progress'
        ? event.payload.progressBy
        : null;
  return {
    code: feedback.code,
    agency,
    contact: options.contactLine,
    receivedAt: noticeTime(feedback.state.receivedAt),
    processedAt: noticeTime(event.at),
    dueAt: noticeTime(dueAt),
    question: event.action === 'request_clarification' ? event.payload.question : '',
    report: event.action === 'progress' ? event.payload.text : '',
    answer: event.action === 'answer' ? event.payload.answer : '',
    trackingUrl: `${options.publicUrl.replace(/\/+$/, '')}/phan-anh/theo-doi/${encodeURIComponent(feedback.code)}`,
  };
}
