import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function insertSubscription(
  db: Kysely<Database>,
  subscription: {
    consumer: string;
    url: string;
    kinds: string[] | null;
    secret: string;
    description: string | null;
    createdBy: number;
  },
) {
  return db
    .insertInto('webhook_subscriptions')
    .values({
      consumer: subscription.consumer,
      url: subscription.url,
      kinds: subscription.kinds,
      secret: subscription.secret,
      description: subscription.description,
      created_by: subscription.createdBy,
    })
    .returning(['id', 'consumer', 'url', 'kinds', 'description', 'active', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function listSubscriptions(db: Kysely<Database>) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'consumer', 'url', 'kinds', 'description', 'active', 'created_at'])
    .orderBy('id')
    .execute();
}

export async function subscriptionByConsumer(db: Kysely<Database>, consumer: string) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'secret', 'active'])
    .where('consumer', '=', consumer)
    .executeTakeFirst();
}

export async function deactivateSubscription(db: Kysely<Database>, id: number) {
  return db
    .updateTable('webhook_subscriptions')
    .set({ active: false })
    .where('id', '=', id)
    .returning(['consumer'])
    .executeTakeFirst();
}
