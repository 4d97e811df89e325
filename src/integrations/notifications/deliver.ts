import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { ClaimedDelivery, DeliveryHandler, DeliveryOutcome } from '../../outbox/model.js';
import { readDossierAtEvent } from '../dossier-at-event.js';
import { chooseChannels, maskRecipient } from './choose-channel.js';
import {
  NOTICE_OF_ACTION,
  type NoticeKind,
  type NoticeValues,
  type NotificationChannel,
  type Template,
} from './model.js';
import { noticeValues } from './notice-values.js';
import type { NotificationSender } from './ports.js';
import { chosenChannels, claimNotice, editedTemplate, markFailed, markSent } from './store.js';
import { renderNotice, shippedTemplate } from './templates.js';

export interface NotificationDeps {
  db: Kysely<Database>;
  /** The channels configured here; a notice only takes one of these. */
  senders: Partial<Record<NotificationChannel, NotificationSender>>;
  /** Where the tracking page is (links in the notices). */
  publicUrl: string;
  /** How to reach the desk, in words (the accounts module keeps no officer's phone). */
  contactLine: string;
}

const payloadSchema = z.object({ event: z.object({ seq: z.number().int().positive().max(1_000_000) }) });

/** One notice to one recipient, through each of the channels chosen for it. */
export interface Notice {
  kind: NoticeKind;
  channels: NotificationChannel[];
  contact: { email: string | null; phone: string | null };
  values: NoticeValues;
}

/**
 * The notice a message's event calls for: null when it calls for none (an event that concerns no one, a
 * recipient we cannot reach), or why the message cannot be read now.
 */
export type NoticeOf = (
  delivery: ClaimedDelivery,
  seq: number,
  available: ReadonlySet<NotificationChannel>,
) => Promise<Notice | null | { error: string }>;

/**
 * Tells the recipient of each event that concerns them, once: the notice record of a delivery and channel
 * is written before sending and marked sent after, so a retry, a restarted worker or a replay finds it
 * sent and does not send again; the channel's own deduplication (our message id) covers a crash between
 * the send and the mark. Dossier and feedback messages both carry the number of their event.
 */
export function noticeHandler(deps: NotificationDeps, noticeOf: NoticeOf): DeliveryHandler {
  const available = new Set(Object.keys(deps.senders) as NotificationChannel[]);
  return {
    async deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
      const payload = payloadSchema.safeParse(delivery.payload);
      if (!payload.success) return { ok: false, error: 'message without an event number' };
      const notice = await noticeOf(delivery, payload.data.event.seq, available);
      if (notice === null) return { ok: true };
      if ('error' in notice) return { ok: false, error: notice.error };
      return sendNotice(deps, delivery, notice);
    },
  };
}

/** The applicant's notices of the dossier events that concern them. */
export function notificationHandler(deps: NotificationDeps): DeliveryHandler {
  return noticeHandler(deps, async (delivery, seq, available) => {
    const kind = NOTICE_OF_ACTION[delivery.kind as keyof typeof NOTICE_OF_ACTION];
    if (!kind) return null;
    const read = await readDossierAtEvent(deps.db, delivery.stream, seq);
    if (!read.ok) return { error: read.error };
    const applicant = read.dossier.applicant;
    const contact = { email: applicant.email ?? null, phone: applicant.phone };
    const channels = chooseChannels(
      { ...contact, preference: await chosenChannels(deps.db, delivery.stream) },
      available,
    );
    return { kind, channels, contact, values: noticeValues(read.dossier, deps) };
  });
}

/** Sends a notice once per delivery and channel; the first channel that fails fails the delivery. */
async function sendNotice(
  deps: NotificationDeps,
  delivery: ClaimedDelivery,
  notice: Notice,
): Promise<DeliveryOutcome> {
  // Each channel is claimed on its own: on a retry, a channel that already sent is skipped.
  for (const channel of notice.channels) {
    const failure = await sendThrough(deps, delivery, notice, channel);
    if (failure) return failure;
  }
  return { ok: true };
}

async function sendThrough(
  deps: NotificationDeps,
  delivery: ClaimedDelivery,
  notice: Notice,
  channel: NotificationChannel,
): Promise<DeliveryOutcome | null> {
  const sender = deps.senders[channel];
  const to = channel === 'email' ? notice.contact.email : notice.contact.phone;
  if (!sender || !to) return null;
  const { kind, values } = notice;
  const claim = await claimNotice(deps.db, {
    deliveryKey: delivery.idempotencyKey,
    channel,
    code: delivery.stream,
    kind,
    recipientMasked: maskRecipient(channel, to),
  });
  if (claim.status === 'sent') return null;

  const text =
    channel === 'zalo'
      ? { subject: null, body: '' }
      : renderNotice(await templateFor(deps.db, kind, channel), values);
  const result = await sender.send({
    messageId: `${delivery.idempotencyKey}.${channel}`,
    to,
    kind,
    subject: text.subject,
    body: text.body,
    values,
  });
  if (result.kind === 'sent') {
    await markSent(deps.db, claim.id, result.providerId);
    return null;
  }
  const error =
    result.kind === 'rate_limited'
      ? `${channel}: rate limited`
      : `${channel}: ${result.kind} ${result.detail}`;
  await markFailed(deps.db, claim.id, error);
  return result.kind === 'rate_limited'
    ? { ok: false, statusCode: 429, error, retryAfterMs: result.retryAfterMs }
    : { ok: false, error };
}

async function templateFor(
  db: Kysely<Database>,
  kind: NoticeKind,
  channel: 'email' | 'sms',
): Promise<Template> {
  return (await editedTemplate(db, kind, channel)) ?? shippedTemplate(kind, channel);
}
