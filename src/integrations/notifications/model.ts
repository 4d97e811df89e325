import type { EventAction } from '../../dossiers/events.js';

export const NOTIFICATIONS_CONSUMER = 'notifications';
export const NOTIFICATIONS_HANDLER = 'notifications';
export const NOTIFICATIONS_TOPIC = 'dossier';

/**
 * The notices an applicant receives (Decree 61 art. 17–20; Decree 224/2026 art. 15.1.g): reception with
 * the appointment, a supplement request listing everything missing, a rejection or refusal with its
 * reasons, the result ready, an apology with the new appointment, and the stop-processing notice after a
 * withdrawal (Decree 118 art. 21). A payment-due notice joins when the payments module exists.
 */
export const NOTICE_KINDS = [
  'received',
  'supplement_requested',
  'rejected',
  'refused',
  'result_ready',
  'apology',
  'stopped',
] as const;
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
};

/** The dossier events the notifications consumer subscribes to. */
export const NOTIFIED_ACTIONS = Object.keys(NOTICE_OF_ACTION) as EventAction[];

export const CHANNELS = ['email', 'sms', 'zalo'] as const;
export type NotificationChannel = (typeof CHANNELS)[number];

/**
 * What a template may say. Only what the law asks a notice to carry (the dossier, the agency, the officer,
 * the times of receipt, processing and return) and what the notice is about — never the applicant's name,
 * identity number or address: the message travels over channels we do not control.
 */
export const PLACEHOLDERS = [
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
  'trackingUrl',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type NoticeValues = Record<Placeholder, string>;

export interface Template {
  /** E-mail only. */
  subject: string | null;
  body: string;
}

/** The channels that carry our own text (Zalo notices are templates registered at Zalo, filled with values). */
export type TextChannel = Exclude<NotificationChannel, 'zalo'>;
