import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ClaimedDelivery, DeliveryHandler, DeliveryOutcome } from '../../outbox/model.js';
import { webhookSignature } from './signature.js';
import { subscriptionByConsumer } from './store.js';

export interface WebhookOptions {
  timeoutMs: number;
  now?: () => number;
}

/**
 * Carries dossier events to registered URLs: a signed JSON POST per delivery, with the delivery's idempotency
 * key so that a receiver applies each one once however often it arrives. A 2xx answer is a delivery; anything
 * else (or no answer within the timeout) is retried by the outbox.
 */
export function webhookHandler(
  db: Kysely<Database>,
  options: WebhookOptions = { timeoutMs: 10_000 },
): DeliveryHandler {
  const now = options.now ?? Date.now;
  return {
    async deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
      const subscription = await subscriptionByConsumer(db, delivery.consumer);
      if (!subscription) return { ok: false, error: 'webhook subscription not found' };
      const timestamp = Math.floor(now() / 1000);
      const body = JSON.stringify({
        id: delivery.idempotencyKey,
        kind: delivery.kind,
        createdAt: delivery.createdAt.toISOString(),
        data: delivery.payload,
      });
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'motcua-webhooks',
          'idempotency-key': delivery.idempotencyKey,
          'x-motcua-event': delivery.kind,
          'x-motcua-delivery': delivery.idempotencyKey,
          'x-motcua-attempt': String(delivery.attempt),
          'x-motcua-timestamp': String(timestamp),
          'x-motcua-signature': webhookSignature(subscription.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}` };
    },
  };
}
