import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deactivateConsumer } from '../../outbox/store.js';
import { AppError } from '../../shared/errors.js';
import { deactivateSubscription } from './store.js';

/** Stops a webhook: no new deliveries are made for it; its delivery log stays. */
export async function stopSubscription(db: Kysely<Database>, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await deactivateSubscription(trx, id);
    if (!row) throw new AppError('NOT_FOUND', `Không tìm thấy webhook số ${id}.`);
    await deactivateConsumer(trx, row.consumer);
  });
}
