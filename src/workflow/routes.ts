import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import type { ClockService } from '../calendar/clock-service.js';
import type { Database } from '../db/schema.js';
import { errorResponse, isoDate, listOf } from '../shared/api-schemas.js';
import { createDraftProcess } from './create-draft.js';
import { processInputSchema, stepSchema } from './model.js';
import { canSeeDrafts, PROCESS_AUTHORS } from './policy.js';
import { publishProcess } from './publish-process.js';
import { listProcesses } from './store.js';

const processSchema = z.object({
  id: z.number(),
  procedureCode: z.string(),
  agencyCode: z.string().nullable(),
  version: z.number(),
  status: z.enum(['draft', 'published']),
  decisionNumber: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  hoursPerDay: z.number().nullable(),
  steps: z.array(stepSchema),
});

export interface WorkflowRouteDeps {
  db: Kysely<Database>;
  clocks: ClockService;
  today(): string;
}

export function workflowRoutes(ctx: WorkflowRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/procedures/:code/processes',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'listProcesses',
          tags: ['workflow'],
          summary: 'Các phiên bản quy trình điện tử của thủ tục (bản nháp chỉ cán bộ kiểm soát TTHC thấy)',
          params: z.object({ code: z.string().max(40) }),
          response: { 200: listOf(processSchema), 400: errorResponse },
        },
      },
      async (request) => {
        const items = await listProcesses(ctx.db, request.params.code, canSeeDrafts(request.actor));
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/procedures/:code/processes',
      {
        config: { policy: signedIn(PROCESS_AUTHORS, 'catalogue.province') },
        schema: {
          operationId: 'createDraftProcess',
          tags: ['workflow'],
          summary: 'Soạn phiên bản quy trình mới (bản nháp)',
          params: z.object({ code: z.string().max(40) }),
          body: processInputSchema,
          response: {
            201: processSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const draft = await createDraftProcess(
          ctx.db,
          ctx.clocks,
          actor,
          request.params.code,
          request.body,
          ctx.today(),
        );
        return reply.status(201).send(draft);
      },
    );

    app.post(
      '/api/processes/:id/publish',
      {
        config: { policy: signedIn(PROCESS_AUTHORS, 'catalogue.province') },
        schema: {
          operationId: 'publishProcess',
          tags: ['workflow'],
          summary: 'Ban hành quy trình với quyết định phê duyệt và ngày hiệu lực',
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({
            decisionNumber: z.string().trim().min(1).max(100),
            effectiveDate: isoDate('1990-01-01', '2100-12-31'),
          }),
          response: {
            200: processSchema,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return publishProcess(
          ctx.db,
          actor,
          request.params.id,
          request.body.decisionNumber,
          request.body.effectiveDate,
        );
      },
    );
  };
}
