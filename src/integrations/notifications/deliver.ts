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

/**
 * Tells the applicant of each event that concerns them, once: the notice record of a delivery and channel
 * is written before sending and marked sent after, so a retry, a restarted worker or a replay finds it
 * sent and does not send again; the channel's own deduplication (our message id) covers a crash between
 * the send and the mark.
 */
export function notificationHandler(deps: NotificationDeps): DeliveryHandler {
  const available = new Set(Object.keys(deps.senders) as NotificationChannel[]);
  return {
    async deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
      const kind = NOTICE_OF_ACTION[delivery.kind as keyof typeof NOTICE_OF_ACTION];
      if (!kind) return { ok: true };
      const payload = payloadSchema.safeParse(delivery.payload);
      if (!payload.success) return { ok: false, error: 'message without an event number' };
      const read = await readDossierAtEvent(deps.db, delivery.stream, payload.data.event.seq);
      if (!read.ok) return { ok: false, error: read.error };
      const applicant = read.dossier.applicant;
      const channels = chooseChannels(
        {
          email: applicant.email ?? null,
          phone: applicant.phone,
          preference: await chosenChannels(deps.db, delivery.stream),
        },
        available,
      );
      const values = noticeValues(read.dossier, deps);
      // Each channel is claimed on its own: on a retry, a channel that already sent is skipped.
      for (const channel of channels) {
        const failure = await sendThrough(deps, delivery, kind, channel, applicant, values);
        if (failure) return failure;
      }
      return { ok: true };
    },
  };
}

async function sendThrough(
  deps: NotificationDeps,
  delivery: ClaimedDelivery,
  kind: NoticeKind,
  channel: NotificationChannel,
  applicant: { email?: string | undefined; phone: string },
  values: NoticeValues,
): Promise<DeliveryOutcome | null> {
  const sender = deps.senders[channel];
  if (!sender) return null;
  const to = channel === 'email' ? (applicant.email ?? '') : applicant.phone;
  const claim = await claimNotice(deps.db, {
    deliveryKey: delivery.idempotencyKey,
    channel,
    dossierCode: delivery.stream,
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
