import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { registerConsumer } from '../../outbox/store.js';
import {
  NOTIFICATIONS_CONSUMER,
  NOTIFICATIONS_HANDLER,
  NOTIFICATIONS_TOPIC,
  NOTIFIED_ACTIONS,
} from './model.js';

/** The dossier events that concern the applicant are owed to the notifications consumer from now on. */
export async function registerNotificationsConsumer(db: Kysely<Database>): Promise<void> {
  await registerConsumer(db, {
    name: NOTIFICATIONS_CONSUMER,
    handler: NOTIFICATIONS_HANDLER,
    topic: NOTIFICATIONS_TOPIC,
    kinds: NOTIFIED_ACTIONS,
  });
}
