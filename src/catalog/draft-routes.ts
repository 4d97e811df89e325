import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { signedIn } from '../auth/route-policy.js';
import { formatVnInstant } from '../calendar/dates.js';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf, pagination } from '../shared/api-schemas.js';
import { dismissDraft, draftDismissalSchema, draftPublicationSchema, publishDraft } from './decide-draft.js';
import { listDrafts } from './draft-store.js';
import { reviewItemSchema } from './national/model.js';
import { PUBLISHERS } from './policy.js';

const draft = z.object({
  id: z.number(),
  code: z.string(),
  change: z.enum(['new', 'amended', 'abolished']),
  /** The procedure's name in the record (null for an abolition). */
  name: z.string().nullable(),
  field: z.string().nullable(),
  changedAt: z.string(),
  receivedAt: z.string(),
  status: z.enum(['pending', 'published', 'dismissed']),
  decidedAt: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  dismissReason: z.string().nullable(),
  review: z.array(reviewItemSchema),
});

const id = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const answers = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

/** Changes of the national procedure database waiting for a controller: listed, published by decision, or set aside. */
export function draftRoutes(ctx: { db: Kysely<Database> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/catalog/drafts',
      {
        config: { policy: signedIn(PUBLISHERS) },
        schema: {
          operationId: 'listCatalogueDrafts',
          tags: ['catalog'],
          summary:
            'Thay đổi từ CSDL quốc gia về TTHC (mới, sửa đổi, bãi bỏ) chờ cán bộ kiểm soát TTHC công bố',
          querystring: z.object({
            status: z.enum(['pending', 'published', 'dismissed']).default('pending'),
            ...pagination,
          }),
          response: { 200: listOf(draft), ...answers },
        },
      },
      async (request) => {
        const { status, page, pageSize } = request.query;
        const { rows, total } = await listDrafts(ctx.db, status, page, pageSize);
        return {
          items: rows.map((row) => ({
            id: Number(row.id),
            code: row.procedure_code,
            change: row.change,
            name: row.record?.name ?? null,
            field: row.record?.field ?? null,
            changedAt: formatVnInstant(row.changed_at.getTime()),
            receivedAt: formatVnInstant(row.received_at.getTime()),
            status: row.status,
            decidedAt: row.decided_at ? formatVnInstant(row.decided_at.getTime()) : null,
            decisionNumber: row.decision_number,
            dismissReason: row.dismiss_reason,
            review: row.review,
          })),
          total,
        };
      },
    );

    app.post(
      '/api/catalog/drafts/:id/publish',
      {
        config: { policy: signedIn(PUBLISHERS, 'catalogue.province') },
        schema: {
          operationId: 'publishCatalogueDraft',
          tags: ['catalog'],
          summary:
            'Công bố một thay đổi từ CSDL quốc gia theo quyết định của tỉnh (phiên bản mới hoặc bãi bỏ)',
          params: id,
          body: draftPublicationSchema,
          // 409: a newer change of the same procedure was published first.
          response: { 204: z.null(), ...answers, 404: errorResponse, 409: errorResponse },
        },
      },
      async (request, reply) => {
        await publishDraft(ctx.db, actorOf(request), request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/catalog/drafts/:id/dismiss',
      {
        config: { policy: signedIn(PUBLISHERS, 'catalogue.province') },
        schema: {
          operationId: 'dismissCatalogueDraft',
          tags: ['catalog'],
          summary: 'Bỏ qua một thay đổi từ CSDL quốc gia (không áp dụng tại tỉnh), có lý do',
          params: id,
          body: draftDismissalSchema,
          response: { 204: z.null(), ...answers, 404: errorResponse },
        },
      },
      async (request, reply) => {
        await dismissDraft(ctx.db, actorOf(request), request.params.id, request.body.reason);
        return reply.code(204).send(null);
      },
    );
  };
}
