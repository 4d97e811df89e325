import type { NoticeKind, NoticeValues, NotificationChannel } from './model.js';

/** One notice on its way to one applicant through one channel. */
export interface OutgoingNotice {
  /** Stable across retries of one delivery: a provider that deduplicates applies it once. */
  messageId: string;
  /** An e-mail address or a phone number, as the dossier holds it. */
  to: string;
  kind: NoticeKind;
  /** Our rendered text (e-mail and SMS); null subject outside e-mail. */
  subject: string | null;
  body: string;
  /** The values the text was filled with, for channels that fill their own registered templates (Zalo). */
  values: NoticeValues;
}

export type SendResult =
  | { kind: 'sent'; providerId: string | null }
  /** The provider will not take this message as it is (an address it refuses, a template it lacks). */
  | { kind: 'refused'; detail: string }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'unavailable'; detail: string };

/** A channel's adapter: SMTP e-mail, an SMS gateway, Zalo notifications. */
export interface NotificationSender {
  readonly channel: NotificationChannel;
  send(notice: OutgoingNotice): Promise<SendResult>;
}
