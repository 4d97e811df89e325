import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { signedIn } from '../auth/route-policy.js';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf, pagination } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { OUTBOX_OPERATORS } from './policy.js';
import { consumerStats, dailyCounts, deliveryAttempts, listDeliveries, replayDelivery } from './store.js';

export interface OutboxRouteDeps {
  db: Kysely<Database>;
  now(): number;
}

const consumerSchema = z.object({
  name: z.string(),
  handler: z.string(),
  topic: z.string(),
  active: z.boolean(),
  pending: z.number(),
  delivered: z.number(),
  dead: z.number(),
  failedLast24h: z.number(),
  /** Seconds the oldest pending message has waited (0 when nothing waits). */
  lagSeconds: z.number(),
});

const deliverySchema = z.object({
  id: z.number(),
  consumer: z.string(),
  stream: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  availableAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export function outboxRoutes(ctx: OutboxRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/outbox/consumers',
      {
        config: { policy: signedIn(OUTBOX_OPERATORS) },
        schema: {
          tags: ['operations'],
          operationId: 'listOutboxConsumers',
          summary: 'Hàng đợi gửi đi: độ trễ, số chờ gửi, lỗi và thư chết của từng nơi nhận',
          response: { 200: listOf(consumerSchema) },
        },
      },
      async () => {
        const rows = await consumerStats(ctx.db);
        const now = ctx.now();
        const items = rows.map((row) => ({
          name: row.name,
          handler: row.handler,
          topic: row.topic,
          active: row.active,
          pending: row.pending,
          delivered: row.delivered,
          dead: row.dead,
          failedLast24h: row.failed_24h,
          lagSeconds: row.oldest_pending
            ? Math.max(0, Math.round((now - row.oldest_pending.getTime()) / 1000))
            : 0,
        }));
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/outbox/daily',
      {
        config: { policy: signedIn(OUTBOX_OPERATORS) },
        schema: {
          tags: ['operations'],
          operationId: 'listOutboxDailyCounts',
          summary: 'Số lần gửi theo ngày của từng nơi nhận: đã gửi, lần thử lỗi, còn chờ, thư chết',
          querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }),
          response: {
            200: listOf(
              z.object({
                consumer: z.string(),
                day: z.string(),
                sent: z.number(),
                failed: z.number(),
                pending: z.number(),
                dead: z.number(),
              }),
            ),
            400: errorResponse,
          },
        },
      },
      async (request) => {
        const items = await dailyCounts(ctx.db, request.query.days);
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/outbox/deliveries',
      {
        config: { policy: signedIn(OUTBOX_OPERATORS) },
        schema: {
          tags: ['operations'],
          operationId: 'listOutboxDeliveries',
          summary: 'Các lần gửi (lọc theo nơi nhận và trạng thái, ví dụ thư chết)',
          querystring: z.object({
            consumer: z.string().max(100).optional(),
            status: z.enum(['pending', 'delivered', 'dead']).optional(),
            ...pagination,
          }),
          response: { 200: listOf(deliverySchema), 400: errorResponse },
        },
      },
      async (request) => {
        const { consumer, status, page, pageSize } = request.query;
        const { rows, total } = await listDeliveries(ctx.db, {
          ...(consumer ? { consumer } : {}),
          ...(status ? { status } : {}),
          page,
          pageSize,
        });
        return {
          items: rows.map((row) => ({
            id: row.id,
            consumer: row.consumer,
            stream: row.stream,
            kind: row.kind,
            status: row.status,
            attempts: row.attempts,
            lastError: row.last_error,
            createdAt: row.created_at.toISOString(),
            availableAt: row.available_at.toISOString(),
            deliveredAt: row.delivered_at?.toISOString() ?? null,
          })),
          total,
        };
      },
    );

    app.get(
      '/api/outbox/deliveries/:id/attempts',
      {
        config: { policy: signedIn(OUTBOX_OPERATORS) },
        schema: {
          tags: ['operations'],
          operationId: 'listDeliveryAttempts',
          summary: 'Nhật ký các lần thử gửi của một lần gửi',
          params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
          response: {
            200: listOf(
              z.object({
                attempt: z.number(),
                startedAt: z.string(),
                durationMs: z.number(),
                ok: z.boolean(),
                statusCode: z.number().nullable(),
                error: z.string().nullable(),
              }),
            ),
            400: errorResponse,
          },
        },
      },
      async (request) => {
        const rows = await deliveryAttempts(ctx.db, request.params.id);
        const items = rows.map((row) => ({
          attempt: row.attempt,
          startedAt: row.started_at.toISOString(),
          durationMs: row.duration_ms,
          ok: row.ok,
          statusCode: row.status_code,
          error: row.error,
        }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/outbox/deliveries/:id/replay',
      {
        config: { policy: signedIn(OUTBOX_OPERATORS) },
        schema: {
          tags: ['operations'],
          operationId: 'replayDelivery',
          summary: 'Gửi lại một lần gửi đã chết (hoặc đã gửi)',
          params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
          response: {
            200: z.object({ id: z.number(), status: z.literal('pending') }),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => {
        if (!(await replayDelivery(ctx.db, request.params.id)))
          throw new AppError('NOT_FOUND', 'Không có lần gửi đã chết hoặc đã gửi với mã này.');
        return { id: request.params.id, status: 'pending' as const };
      },
    );
  };
}
