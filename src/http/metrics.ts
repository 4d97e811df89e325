import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import { PUBLIC } from '../auth/route-policy.js';
import type { Database } from '../db/schema.js';
import { outboxGauges } from '../outbox/store.js';
import { errorResponse } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';

/**
 * `GET /metrics` in the Prometheus text format: this process's requests (rate and latency per route, from
 * the route's pattern so that dossier codes do not multiply the series), the process itself (memory, CPU,
 * event-loop delay), and the outbox as the database holds it (lag, pending, delivered, parked and failed
 * per consumer), which is the same on every process. Scraped with `Authorization: Bearer METRICS_TOKEN`;
 * without a token configured the endpoint does not exist (404).
 */
export function registerMetrics(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; token: string | null; now(): number },
): FastifyPluginAsync {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'motcua_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'motcua_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  const outbox = {
    lag: new Gauge({
      name: 'motcua_outbox_lag_seconds',
      help: 'Age of the oldest message still pending for a consumer (0 when none waits)',
      labelNames: ['topic', 'consumer'] as const,
      registers: [registry],
    }),
    deliveries: new Gauge({
      name: 'motcua_outbox_deliveries',
      help: 'Outbox deliveries by consumer and status (pending, delivered, dead)',
      labelNames: ['topic', 'consumer', 'status'] as const,
      registers: [registry],
    }),
    failures: new Gauge({
      name: 'motcua_outbox_failed_attempts',
      help: 'Failed delivery attempts by consumer, since the outbox began',
      labelNames: ['topic', 'consumer'] as const,
      registers: [registry],
    }),
  };
  async function readOutbox() {
    const now = deps.now();
    for (const row of await outboxGauges(deps.db)) {
      const labels = { topic: row.topic, consumer: row.name };
      outbox.lag.set(
        labels,
        row.oldest_pending ? Math.max(0, (now - row.oldest_pending.getTime()) / 1000) : 0,
      );
      outbox.deliveries.set({ ...labels, status: 'pending' }, row.pending);
      outbox.deliveries.set({ ...labels, status: 'delivered' }, row.delivered);
      outbox.deliveries.set({ ...labels, status: 'dead' }, row.dead);
      outbox.failures.set(labels, row.failed_attempts);
    }
  }

  const expected = deps.token === null ? null : Buffer.from(`Bearer ${deps.token}`);
  // The route joins the others later, under the server's error handling; the request hook counts them all.
  return async (scope) => {
    scope.get(
      '/metrics',
      {
        // Public to the session policy: the scraper holds no account but the token checked below.
        config: { policy: { ...PUBLIC, rule: 'metrics.token' } },
        schema: {
          tags: ['operations'],
          operationId: 'metrics',
          summary: 'Số đo vận hành theo định dạng Prometheus (cần mã METRICS_TOKEN)',
          response: { 200: z.string(), 401: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        if (!expected) throw new AppError('NOT_FOUND', 'Chưa bật số đo vận hành (METRICS_TOKEN).');
        const given = Buffer.from(request.headers.authorization ?? '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          throw new AppError('UNAUTHENTICATED', 'Cần mã truy cập số đo vận hành.');
        await readOutbox();
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  };
}
