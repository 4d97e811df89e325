import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { FEEDBACK_TOPIC } from '../../feedback/record-feedback-event.js';
import { registerConsumer } from '../../outbox/store.js';
import {
  FEEDBACK_NOTIFICATIONS_CONSUMER,
  FEEDBACK_NOTIFICATIONS_HANDLER,
  NOTIFICATIONS_CONSUMER,
  NOTIFICATIONS_HANDLER,
  NOTIFICATIONS_TOPIC,
  NOTIFIED_ACTIONS,
  NOTIFIED_FEEDBACK_ACTIONS,
} from './model.js';

/**
 * The dossier events that concern the applicant, and the feedback events that concern the submitter, are
 * owed to the notifications consumers from now on.
 */
export async function registerNotificationsConsumer(db: Kysely<Database>): Promise<void> {
  await registerConsumer(db, {
    name: NOTIFICATIONS_CONSUMER,
    handler: NOTIFICATIONS_HANDLER,
    topic: NOTIFICATIONS_TOPIC,
    kinds: NOTIFIED_ACTIONS,
  });
  await registerConsumer(db, {
    name: FEEDBACK_NOTIFICATIONS_CONSUMER,
    handler: FEEDBACK_NOTIFICATIONS_HANDLER,
    topic: FEEDBACK_TOPIC,
    kinds: NOTIFIED_FEEDBACK_ACTIONS,
  });
}
