import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { signedIn } from '../auth/route-policy.js';
import type { Database } from '../db/schema.js';
import { errorResponse, isoDate, listOf } from '../shared/api-schemas.js';
import { onTimeRate } from './on-time-rate.js';
import { INDICATOR_READERS } from './policy.js';

export interface IndicatorRouteDeps {
  db: Kysely<Database>;
}

export function indicatorRoutes(ctx: IndicatorRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/indicators/on-time',
      {
        config: { policy: signedIn(INDICATOR_READERS, 'indicators.agency') },
        schema: {
          tags: ['indicators'],
          operationId: 'onTimeRate',
          summary: 'Tỷ lệ hồ sơ giải quyết đúng hạn theo cơ quan trong một khoảng thời gian',
          querystring: z.object({
            from: isoDate('2000-01-01', '2100-12-31'),
            to: isoDate('2000-01-01', '2100-12-31'),
            agency: z.string().max(35).optional(),
          }),
          response: {
            200: listOf(
              z.object({
                agency: z.string(),
                name: z.string(),
                finished: z.number(),
                onTime: z.number(),
                late: z.number(),
                rate: z.number().nullable(),
              }),
            ),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { from, to, agency } = request.query;
        return onTimeRate(ctx.db, actor, { from, to, ...(agency ? { agency } : {}) });
      },
    );
  };
}
