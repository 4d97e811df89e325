import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connection.js';
import type { ClaimedDelivery, DeliveryHandler } from '../src/outbox/model.js';
import { publish, registerConsumer } from '../src/outbox/store.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { testDatabaseUrl } from './file-database.js';

/** A receiver that limits its rate: it says "come back in 150 ms" a number of times before it accepts. */
function rateLimited(refusals: number, retryAfterMs: number) {
  const calls: { key: string; at: number }[] = [];
  const handler: DeliveryHandler = {
    async deliver(delivery: ClaimedDelivery) {
      calls.push({ key: delivery.idempotencyKey, at: Date.now() });
      const seen = calls.filter((c) => c.key === delivery.idempotencyKey).length;
      if (seen <= refusals) return { ok: false, statusCode: 429, error: 'HTTP 429', retryAfterMs };
      return { ok: true, statusCode: 200 };
    },
  };
  return { handler, calls };
}

describe('outbox: a receiver asking to retry later', () => {
  let db: Db;
  beforeAll(async () => {
    db = connect(await testDatabaseUrl(), 4);
  });
  afterAll(async () => {
    await db.close();
  });

  it('waits the time asked, and being told to wait never parks a delivery as a dead letter', async () => {
    await registerConsumer(db.kysely, { name: 'rate-limited', handler: 'slow', topic: 'probe', kinds: null });
    await publish(db.kysely, { topic: 'probe', kind: 'ping', stream: 'probe-1', payload: {} });
    const receiver = rateLimited(4, 150);
    const worker = new OutboxWorker(
      db.kysely,
      { slow: receiver.handler },
      { maxAttempts: 2, pollMs: 10, backoff: { baseMs: 1, maxMs: 2 } },
    );
    worker.start();
    const deadline = Date.now() + 10_000;
    let delivery = { status: 'pending', attempts: 0, id: 0 };
    while (delivery.status === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      delivery = await db.kysely
        .selectFrom('outbox_deliveries')
        .select(['id', 'status', 'attempts'])
        .where('consumer', '=', 'rate-limited')
        .executeTakeFirstOrThrow();
    }
    await worker.stop();

    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.calls).toHaveLength(5);
    const gaps = receiver.calls.slice(1).map((call, i) => call.at - (receiver.calls[i]?.at ?? 0));
    // The timer may fire a millisecond early relative to the database clock, never the whole wait.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(140);
    const log = await db.kysely
      .selectFrom('outbox_attempts')
      .select(['ok', 'status_code'])
      .where('delivery_id', '=', delivery.id)
      .orderBy('id')
      .execute();
    expect(log.map((row) => row.status_code)).toEqual([429, 429, 429, 429, 200]);
  });
});
