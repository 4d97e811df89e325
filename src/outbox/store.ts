import { randomUUID } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ClaimedDelivery, OutboxMessage } from './model.js';

type Db = Kysely<Database>;

/**
 * Writes a message and one pending delivery for every active consumer of its topic and kind, in one
 * statement inside the caller's transaction: the message exists if and only if the change committed.
 */
export async function publish(db: Db, message: OutboxMessage): Promise<void> {
  await sql`
    WITH m AS (
      INSERT INTO outbox_messages (topic, kind, stream, payload)
      VALUES (${message.topic}, ${message.kind}, ${message.stream}, ${JSON.stringify(message.payload)}::jsonb)
      RETURNING id, topic, kind, stream
    )
    ${deliveriesFor(sql`m`)}`.execute(db);
}

/**
 * The deliveries of freshly inserted messages (a CTE with id, topic, kind, stream): one per active consumer of
 * the message's topic that wants its kind. A writer embeds it in its own statement to publish in the same
 * round trip as the change.
 */
export function deliveriesFor(messages: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`INSERT INTO outbox_deliveries (message_id, consumer, handler, stream)
    SELECT m.id, c.name, c.handler, m.stream
    FROM ${messages} m JOIN outbox_consumers c
      ON c.topic = m.topic AND c.active AND (c.kinds IS NULL OR m.kind = ANY (c.kinds))`;
}

export async function registerConsumer(
  db: Db,
  consumer: { name: string; handler: string; topic: string; kinds: string[] | null },
): Promise<void> {
  await db
    .insertInto('outbox_consumers')
    .values(consumer)
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ handler: consumer.handler, topic: consumer.topic, kinds: consumer.kinds }),
    )
    .execute();
}

/** A consumer that stops receiving new messages; what it was already owed stays for the record. */
export async function deactivateConsumer(db: Db, name: string): Promise<void> {
  await db.updateTable('outbox_consumers').set({ active: false }).where('name', '=', name).execute();
}

/**
 * Leases up to `limit` deliveries for the given handlers. A delivery is ready when it is pending, due, not
 * leased by a live worker, and no earlier delivery of the same consumer and stream is still pending — so each
 * stream reaches each consumer in order. SKIP LOCKED lets workers on several processes claim side by side.
 */
export async function claimDeliveries(
  db: Db,
  handlers: string[],
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const token = randomUUID();
  const result = await sql<{
    id: number;
    message_id: number;
    consumer: string;
    handler: string;
    stream: string;
    attempts: number;
    topic: string;
    kind: string;
    payload: Record<string, unknown>;
    created_at: Date;
  }>`
    UPDATE outbox_deliveries d
    SET leased_until = now() + make_interval(secs => ${leaseMs / 1000}), lease_token = ${token}::uuid,
        attempts = d.attempts + 1
    FROM outbox_messages m
    WHERE m.id = d.message_id AND d.id IN (
      SELECT c.id FROM outbox_deliveries c
      WHERE c.status = 'pending' AND c.handler = ANY (${handlers}::text[]) AND c.available_at <= now()
        AND (c.leased_until IS NULL OR c.leased_until < now())
        AND NOT EXISTS (
          SELECT 1 FROM outbox_deliveries e
          WHERE e.consumer = c.consumer AND e.stream = c.stream AND e.status = 'pending' AND e.id < c.id)
      ORDER BY c.id
      LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED)
    RETURNING d.id, d.message_id, d.consumer, d.handler, d.stream, d.attempts, m.topic, m.kind, m.payload,
              m.created_at`.execute(db);
  return result.rows
    .map((row) => ({
      id: row.id,
      messageId: row.message_id,
      consumer: row.consumer,
      handler: row.handler,
      topic: row.topic,
      kind: row.kind,
      stream: row.stream,
      payload: row.payload,
      attempt: row.attempts,
      idempotencyKey: `motcua-delivery-${row.id}`,
      createdAt: row.created_at,
      leaseToken: token,
    }))
    .sort((a, b) => a.id - b.id);
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** What becomes of a delivery after an attempt: delivered, tried again later, or parked as a dead letter. */
export type AttemptResult =
  | { status: 'delivered' }
  | { status: 'retry'; availableAt: Date; counted: boolean }
  | { status: 'dead' };

/**
 * Logs the attempt and moves the delivery on, only if this worker still holds the lease (a worker whose
 * lease ran out must not overwrite the outcome of the one that took over).
 */
export async function finishAttempt(
  db: Db,
  delivery: ClaimedDelivery,
  attempt: AttemptRecord,
  result: AttemptResult,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('outbox_deliveries')
      .set({
        status: result.status === 'retry' ? 'pending' : result.status,
        leased_until: null,
        lease_token: null,
        last_error: attempt.error,
        ...(result.status === 'delivered' ? { delivered_at: new Date() } : {}),
        ...(result.status === 'retry' ? { available_at: result.availableAt } : {}),
        ...(result.status === 'retry' && !result.counted ? { attempts: sql<number>`attempts - 1` } : {}),
      })
      .where('id', '=', delivery.id)
      .where('lease_token', '=', delivery.leaseToken)
      .returning('id')
      .executeTakeFirst();
    await trx
      .insertInto('outbox_attempts')
      .values({
        delivery_id: delivery.id,
        attempt: delivery.attempt,
        started_at: attempt.startedAt,
        duration_ms: attempt.durationMs,
        ok: attempt.ok,
        status_code: attempt.statusCode,
        error: attempt.error,
      })
      .execute();
    return updated !== undefined;
  });
}

/** Per consumer: how much is waiting and for how long (lag), what failed lately, what is parked. */
export async function consumerStats(db: Db) {
  const result = await sql<{
    name: string;
    handler: string;
    topic: string;
    active: boolean;
    pending: number;
    dead: number;
    delivered: number;
    oldest_pending: Date | null;
    failed_24h: number;
  }>`
    SELECT c.name, c.handler, c.topic, c.active,
      (SELECT count(*) FROM outbox_deliveries d WHERE d.consumer = c.name AND d.status = 'pending')::int AS pending,
      (SELECT count(*) FROM outbox_deliveries d WHERE d.consumer = c.name AND d.status = 'dead')::int AS dead,
      (SELECT count(*) FROM outbox_deliveries d WHERE d.consumer = c.name AND d.status = 'delivered')::int
        AS delivered,
      (SELECT min(m.created_at) FROM outbox_deliveries d JOIN outbox_messages m ON m.id = d.message_id
        WHERE d.consumer = c.name AND d.status = 'pending') AS oldest_pending,
      (SELECT count(*) FROM outbox_attempts a JOIN outbox_deliveries d ON d.id = a.delivery_id
        WHERE d.consumer = c.name AND NOT a.ok AND a.started_at > now() - interval '24 hours')::int AS failed_24h
    FROM outbox_consumers c
    ORDER BY c.name`.execute(db);
  return result.rows;
}

export interface DeliveryQuery {
  consumer?: string;
  status?: 'pending' | 'delivered' | 'dead';
  page: number;
  pageSize: number;
}

export async function listDeliveries(db: Db, query: DeliveryQuery) {
  let select = db
    .selectFrom('outbox_deliveries as d')
    .innerJoin('outbox_messages as m', 'm.id', 'd.message_id');
  if (query.consumer) select = select.where('d.consumer', '=', query.consumer);
  if (query.status) select = select.where('d.status', '=', query.status);
  const rows = await select
    .select([
      'd.id',
      'd.consumer',
      'd.stream',
      'd.status',
      'd.attempts',
      'd.last_error',
      'd.available_at',
      'd.delivered_at',
      'm.kind',
      'm.created_at',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('d.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function deliveryAttempts(db: Db, deliveryId: number) {
  return db
    .selectFrom('outbox_attempts')
    .select(['attempt', 'started_at', 'duration_ms', 'ok', 'status_code', 'error'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute();
}

/** Puts a dead (or delivered) delivery back in the queue for one more round of attempts. */
export async function replayDelivery(db: Db, id: number): Promise<boolean> {
  const row = await db
    .updateTable('outbox_deliveries')
    .set({
      status: 'pending',
      attempts: 0,
      available_at: new Date(),
      leased_until: null,
      lease_token: null,
    })
    .where('id', '=', id)
    .where('status', 'in', ['dead', 'delivered'])
    .returning('id')
    .executeTakeFirst();
  if (row) await sql`SELECT pg_notify('motcua_outbox', '')`.execute(db);
  return row !== undefined;
}

/**
 * What `/metrics` reports of the outbox, per consumer (every server process sees the same figures): how
 * many deliveries are pending, delivered and parked, how old the oldest pending message is, and how many
 * attempts failed since the start.
 */
export async function outboxGauges(db: Db) {
  const result = await sql<{
    name: string;
    topic: string;
    pending: number;
    delivered: number;
    dead: number;
    oldest_pending: Date | null;
    failed_attempts: number;
  }>`
    SELECT c.name, c.topic,
      count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
      count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
      count(*) FILTER (WHERE d.status = 'dead')::int AS dead,
      (SELECT min(m.created_at) FROM outbox_deliveries p JOIN outbox_messages m ON m.id = p.message_id
        WHERE p.consumer = c.name AND p.status = 'pending') AS oldest_pending,
      (SELECT count(*) FROM outbox_attempts a JOIN outbox_deliveries f ON f.id = a.delivery_id
        WHERE f.consumer = c.name AND NOT a.ok)::int AS failed_attempts
    FROM outbox_consumers c LEFT JOIN outbox_deliveries d ON d.consumer = c.name
    GROUP BY c.name, c.topic
    ORDER BY c.name`.execute(db);
  return result.rows;
}

/**
 * Per consumer and day (Vietnam time), over the last `days` days: deliveries delivered that day, failed
 * attempts that day, and of the deliveries created that day those still pending and those parked.
 */
export async function dailyCounts(db: Db, days: number) {
  const result = await sql<{
    consumer: string;
    day: string;
    sent: number;
    failed: number;
    pending: number;
    dead: number;
  }>`
    WITH since AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - ${days - 1}::int AS day),
    facts AS (
      SELECT consumer, (delivered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, 1 AS sent, 0 AS failed,
        0 AS pending, 0 AS dead
      FROM outbox_deliveries WHERE status = 'delivered' AND delivered_at >= now() - make_interval(days => ${days + 1})
      UNION ALL
      SELECT d.consumer, (a.started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 1, 0, 0
      FROM outbox_attempts a JOIN outbox_deliveries d ON d.id = a.delivery_id
      WHERE NOT a.ok AND a.started_at >= now() - make_interval(days => ${days + 1})
      UNION ALL
      SELECT consumer, (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0,
        (status = 'pending')::int, (status = 'dead')::int
      FROM outbox_deliveries WHERE status IN ('pending', 'dead') AND created_at >= now() - make_interval(days => ${days + 1})
    )
    SELECT consumer, to_char(facts.day, 'YYYY-MM-DD') AS day, sum(sent)::int AS sent, sum(failed)::int AS failed,
      sum(pending)::int AS pending, sum(dead)::int AS dead
    FROM facts, since WHERE facts.day >= since.day
    GROUP BY consumer, facts.day
    ORDER BY facts.day DESC, consumer`.execute(db);
  return result.rows;
}
