import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { registerConsumer } from '../../outbox/store.js';
import { NATIONAL_PORTAL_CONSUMER, NATIONAL_PORTAL_HANDLER, NATIONAL_PORTAL_TOPIC } from './model.js';

/** Every dossier event from now on is owed to the national portal (events before stay unsent). */
export async function registerNationalPortalConsumer(db: Kysely<Database>): Promise<void> {
  await registerConsumer(db, {
    name: NATIONAL_PORTAL_CONSUMER,
    handler: NATIONAL_PORTAL_HANDLER,
    topic: NATIONAL_PORTAL_TOPIC,
    kinds: null,
  });
}
