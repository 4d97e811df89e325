import type { EventAction } from '../../dossiers/events.js';
import type { FeedbackEventAction } from '../../feedback/events.js';

export const NOTIFICATIONS_CONSUMER = 'notifications';
export const NOTIFICATIONS_HANDLER = 'notifications';
export const NOTIFICATIONS_TOPIC = 'dossier';
/** Feedback notices have a consumer of their own: another topic, and a failing one holds up neither. */
export const FEEDBACK_NOTIFICATIONS_CONSUMER = 'feedback-notifications';
export const FEEDBACK_NOTIFICATIONS_HANDLER = 'feedback-notifications';

/**
 * The notices an applicant receives (Decree 61 art. 17–20; Decree 224/2026 art. 15.1.g): reception with
 * the appointment, a supplement request listing everything missing, a rejection or refusal with its
 * reasons, the result ready, an apology with the new appointment, and the stop-processing notice after a
 * withdrawal (Decree 118 art. 21), and the payment due when processing finds a financial obligation.
 */
export const DOSSIER_NOTICE_KINDS = [
  'received',
  'supplement_requested',
  'rejected',
  'refused',
  'result_ready',
  'apology',
  'stopped',
  'payment_due',
] as const;

/**
 * The notices a feedback submitter who left an e-mail or a phone receives (RULES.md §7): receipt with the
 * classification deadline, a request to clarify with the question, a progress report while overdue with
 * the next report's date, and the answer.
 */
export const FEEDBACK_NOTICE_KINDS = [
  'feedback_received',
  'feedback_clarification',
  'feedback_progress',
  'feedback_answered',
] as const;
export type FeedbackNoticeKind = (typeof FEEDBACK_NOTICE_KINDS)[number];

export const NOTICE_KINDS = [...DOSSIER_NOTICE_KINDS, ...FEEDBACK_NOTICE_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_OF_ACTION: Partial<Record<EventAction, NoticeKind>> = {
  receive: 'received',
  accept: 'received',
  request_supplement: 'supplement_requested',
  reject: 'rejected',
  refuse: 'refused',
  issue_result: 'result_ready',
  apologise: 'apology',
  withdraw: 'stopped',
  request_payment: 'payment_due',
};

/** The dossier events the notifications consumer subscribes to. */
export const NOTIFIED_ACTIONS = Object.keys(NOTICE_OF_ACTION) as EventAction[];

export const NOTICE_OF_FEEDBACK_ACTION: Partial<Record<FeedbackEventAction, FeedbackNoticeKind>> = {
  receive: 'feedback_received',
  request_clarification: 'feedback_clarification',
  progress: 'feedback_progress',
  answer: 'feedback_answered',
};

/** The feedback events the feedback notifications consumer subscribes to. */
export const NOTIFIED_FEEDBACK_ACTIONS = Object.keys(NOTICE_OF_FEEDBACK_ACTION) as FeedbackEventAction[];

export const CHANNELS = ['email', 'sms', 'zalo'] as const;
export type NotificationChannel = (typeof CHANNELS)[number];

/**
 * What a template may say. Only what the law asks a notice to carry (the dossier, the agency, the officer,
 * the times of receipt, processing and return) and what the notice is about — never the applicant's name,
 * identity number or address: the message travels over channels we do not control.
 */
export const DOSSIER_PLACEHOLDERS = [
  'code',
  'procedure',
  'agency',
  'officer',
  'officerTitle',
  'contact',
  'receivedAt',
  'processedAt',
  'dueAt',
  'previousDueAt',
  'items',
  'reason',
  'resultNumber',
  'amount',
  'payBy',
  'trackingUrl',
] as const;

/**
 * What a feedback notice may say: the item's code, the agency that acted, the times, the question, report
 * or answer, and the follow page (without the submitter's key, which only they hold). `dueAt` is the
 * deadline the notice announces: classification after receipt, the next report after a progress report.
 */
export const FEEDBACK_PLACEHOLDERS = [
  'code',
  'agency',
  'contact',
  'receivedAt',
  'processedAt',
  'dueAt',
  'question',
  'report',
  'answer',
  'trackingUrl',
] as const;

export const PLACEHOLDERS = [...new Set([...DOSSIER_PLACEHOLDERS, ...FEEDBACK_PLACEHOLDERS])] as (
  | (typeof DOSSIER_PLACEHOLDERS)[number]
  | (typeof FEEDBACK_PLACEHOLDERS)[number]
)[];
export type Placeholder = (typeof PLACEHOLDERS)[number];
/** The values a notice is filled with: those its kind may use. */
export type NoticeValues = Partial<Record<Placeholder, string>>;

export function isFeedbackNotice(kind: NoticeKind): kind is FeedbackNoticeKind {
  return (FEEDBACK_NOTICE_KINDS as readonly string[]).includes(kind);
}

/** The placeholders a notice of this kind fills, and so the only ones its template may use. */
export function placeholdersOf(kind: NoticeKind): readonly Placeholder[] {
  return isFeedbackNotice(kind) ? FEEDBACK_PLACEHOLDERS : DOSSIER_PLACEHOLDERS;
}

export interface Template {
  /** E-mail only. */
  subject: string | null;
  body: string;
}

/** The channels that carry our own text (Zalo notices are templates registered at Zalo, filled with values). */
export type TextChannel = Exclude<NotificationChannel, 'zalo'>;
