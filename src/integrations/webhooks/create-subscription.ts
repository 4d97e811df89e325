import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/roles.js';
import type { Database } from '../../db/schema.js';
import { registerConsumer } from '../../outbox/store.js';
import { type SubscriptionInput, WEBHOOK_HANDLER, WEBHOOK_TOPIC } from './model.js';
import { insertSubscription } from './store.js';

/**
 * Registers a webhook: an outbox consumer for the dossier events it asks for, and a secret of its own for
 * signing. The secret is returned once, here; it is never shown again.
 */
export async function createSubscription(db: Kysely<Database>, actor: Actor, input: SubscriptionInput) {
  const consumer = `webhook:${randomUUID()}`;
  const secret = randomBytes(32).toString('base64url');
  const kinds = input.kinds && input.kinds.length > 0 ? [...new Set(input.kinds)] : null;
  const row = await db.transaction().execute(async (trx) => {
    await registerConsumer(trx, { name: consumer, handler: WEBHOOK_HANDLER, topic: WEBHOOK_TOPIC, kinds });
    return insertSubscription(trx, {
      consumer,
      url: input.url,
      kinds,
      secret,
      description: input.description ?? null,
      createdBy: actor.id,
    });
  });
  return { ...row, secret };
}
