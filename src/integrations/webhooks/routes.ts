import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../auth/authenticate.js';
import { signedIn } from '../../auth/route-policy.js';
import type { Database } from '../../db/schema.js';
import { errorResponse, listOf } from '../../shared/api-schemas.js';
import { createSubscription } from './create-subscription.js';
import { stopSubscription } from './deactivate-subscription.js';
import { subscriptionInputSchema } from './model.js';
import { WEBHOOK_ADMINS } from './policy.js';
import { listSubscriptions } from './store.js';

export interface WebhookRouteDeps {
  db: Kysely<Database>;
}

const subscriptionSchema = z.object({
  id: z.number(),
  consumer: z.string(),
  url: z.string(),
  kinds: z.array(z.string()).nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});

function view(row: {
  id: number;
  consumer: string;
  url: string;
  kinds: string[] | null;
  description: string | null;
  active: boolean;
  created_at: Date;
}) {
  return {
    id: row.id,
    consumer: row.consumer,
    url: row.url,
    kinds: row.kinds,
    description: row.description,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

export function webhookRoutes(ctx: WebhookRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/webhooks',
      {
        config: { policy: signedIn(WEBHOOK_ADMINS) },
        schema: {
          tags: ['operations'],
          operationId: 'createWebhook',
          summary: 'Đăng ký webhook nhận sự kiện hồ sơ (trả về khóa bí mật một lần duy nhất)',
          body: subscriptionInputSchema,
          response: {
            201: subscriptionSchema.extend({
              secret: z.string().describe('Khóa ký HMAC-SHA256; chỉ hiển thị một lần'),
            }),
            400: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const created = await createSubscription(ctx.db, actorOf(request), request.body);
        return reply.status(201).send({ ...view(created), secret: created.secret });
      },
    );

    app.get(
      '/api/webhooks',
      {
        config: { policy: signedIn(WEBHOOK_ADMINS) },
        schema: {
          tags: ['operations'],
          operationId: 'listWebhooks',
          summary: 'Các webhook đã đăng ký',
          response: { 200: listOf(subscriptionSchema) },
        },
      },
      async () => {
        const items = (await listSubscriptions(ctx.db)).map(view);
        return { items, total: items.length };
      },
    );

    app.delete(
      '/api/webhooks/:id',
      {
        config: { policy: signedIn(WEBHOOK_ADMINS) },
        schema: {
          tags: ['operations'],
          operationId: 'stopWebhook',
          summary: 'Ngừng một webhook (giữ nhật ký gửi)',
          params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
          response: { 204: z.null(), 400: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        await stopSubscription(ctx.db, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
