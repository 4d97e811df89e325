import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/authenticate.js';
import type { AppContext } from '../http/context.js';
import { errorResponse, listOf } from '../shared/api-schemas.js';
import { onTimeRate } from './on-time-rate.js';

export function indicatorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/indicators/on-time',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Tỷ lệ hồ sơ giải quyết đúng hạn theo cơ quan trong một khoảng thời gian',
          querystring: z.object({
            from: z.iso.date(),
            to: z.iso.date(),
            agency: z.string().max(35).optional(),
          }),
          security: [{ bearer: [] }],
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
        const actor = await requireActor(ctx.db, request);
        const { from, to, agency } = request.query;
        return onTimeRate(ctx.db, actor, { from, to, ...(agency ? { agency } : {}) });
      },
    );
  };
}
