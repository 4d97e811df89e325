import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../auth/authenticate.js';
import { signedIn } from '../../auth/route-policy.js';
import type { Database } from '../../db/schema.js';
import { readableDossier } from '../../dossiers/act.js';
import { errorResponse, listOf } from '../../shared/api-schemas.js';
import { invalid } from '../../shared/errors.js';
import { chooseNotificationChannels } from './choose-channels.js';
import { editTemplate, TEMPLATE_EDITORS, templateEditSchema } from './edit-template.js';
import { CHANNELS, NOTICE_KINDS, PLACEHOLDERS, placeholdersOf } from './model.js';
import { CHANNEL_CHOOSERS } from './policy.js';
import { chosenChannels, dropTemplate, editedTemplates, noticesOf } from './store.js';
import { previewValues, renderNotice, shippedTemplate } from './templates.js';

export interface NotificationRouteDeps {
  db: Kysely<Database>;
}

const code = z.string().min(1).max(100);
const textChannel = z.enum(['email', 'sms']);
const templateSchema = z.object({
  kind: z.enum(NOTICE_KINDS),
  channel: textChannel,
  subject: z.string().nullable(),
  body: z.string(),
  /** An administrator's wording (null: the shipped one). */
  editedAt: z.string().nullable(),
  /** The placeholders this kind of notice fills: the only ones its wording may use. */
  placeholders: z.array(z.string()),
});
const templateText = z.object({ subject: z.string().max(300).optional(), body: z.string().max(5_000) });

export function notificationRoutes(deps: NotificationRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dossiers/:code/notices',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          tags: ['notifications'],
          operationId: 'listDossierNotices',
          summary: 'Các thông báo đã gửi người nộp về hồ sơ: kênh, nơi nhận (đã che), trạng thái gửi',
          params: z.object({ code }),
          response: {
            200: listOf(
              z.object({
                id: z.number(),
                kind: z.enum(NOTICE_KINDS),
                channel: z.enum(CHANNELS),
                recipient: z.string(),
                status: z.enum(['sending', 'sent', 'failed']),
                attempts: z.number(),
                sentAt: z.string().nullable(),
              }),
            ).extend({ channels: z.array(z.enum(CHANNELS)).nullable() }),
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const row = await readableDossier(deps.db, actorOf(request), request.params.code);
        const items = (await noticesOf(deps.db, row.code)).map((notice) => ({
          id: notice.id,
          kind: notice.kind as (typeof NOTICE_KINDS)[number],
          channel: notice.channel as (typeof CHANNELS)[number],
          recipient: notice.recipient_masked,
          status: notice.status,
          attempts: notice.attempts,
          sentAt: notice.sent_at?.toISOString() ?? null,
        }));
        return { items, total: items.length, channels: await chosenChannels(deps.db, row.code) };
      },
    );

    app.put(
      '/api/dossiers/:code/notification-channels',
      {
        config: { policy: signedIn(CHANNEL_CHOOSERS, 'dossier.read') },
        schema: {
          tags: ['notifications'],
          operationId: 'chooseNotificationChannels',
          summary: 'Người nộp chọn kênh nhận thông báo về hồ sơ (thư điện tử, SMS, Zalo)',
          params: z.object({ code }),
          body: z.object({ channels: z.array(z.enum(CHANNELS)).min(1).max(3) }),
          response: { 200: z.object({ channels: z.array(z.enum(CHANNELS)) }), 404: errorResponse },
        },
      },
      async (request) => ({
        channels: await chooseNotificationChannels(deps.db, actorOf(request), {
          code: request.params.code,
          channels: request.body.channels,
        }),
      }),
    );

    app.get(
      '/api/notification-templates',
      {
        config: { policy: signedIn(TEMPLATE_EDITORS) },
        schema: {
          tags: ['notifications'],
          operationId: 'listNotificationTemplates',
          summary: 'Mẫu thông báo gửi người nộp (thư điện tử, SMS) và các biến được dùng',
          response: { 200: listOf(templateSchema).extend({ placeholders: z.array(z.string()) }) },
        },
      },
      async () => {
        const edited = await editedTemplates(deps.db);
        const items = NOTICE_KINDS.flatMap((kind) =>
          textChannel.options.map((channel) => {
            const own = edited.find((row) => row.kind === kind && row.channel === channel);
            const text = own ?? shippedTemplate(kind, channel);
            return {
              kind,
              channel,
              subject: text.subject,
              body: text.body,
              editedAt: own?.updated_at.toISOString() ?? null,
              placeholders: [...placeholdersOf(kind)],
            };
          }),
        );
        return { items, total: items.length, placeholders: [...PLACEHOLDERS] };
      },
    );

    app.put(
      '/api/notification-templates/:kind/:channel',
      {
        config: { policy: signedIn(TEMPLATE_EDITORS) },
        schema: {
          tags: ['notifications'],
          operationId: 'editNotificationTemplate',
          summary: 'Sửa mẫu thông báo của một loại thông báo trên một kênh (áp dụng cho thông báo sau)',
          params: z.object({ kind: z.enum(NOTICE_KINDS), channel: textChannel }),
          body: templateText,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await editTemplate(deps.db, actorOf(request), { ...request.params, ...request.body });
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/notification-templates/:kind/:channel',
      {
        config: { policy: signedIn(TEMPLATE_EDITORS) },
        schema: {
          tags: ['notifications'],
          operationId: 'resetNotificationTemplate',
          summary: 'Trở về mẫu thông báo gốc',
          params: z.object({ kind: z.enum(NOTICE_KINDS), channel: textChannel }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await dropTemplate(deps.db, request.params.kind, request.params.channel);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/notification-templates/:kind/:channel/preview',
      {
        config: { policy: signedIn(TEMPLATE_EDITORS) },
        schema: {
          tags: ['notifications'],
          operationId: 'previewNotificationTemplate',
          summary: 'Xem trước mẫu thông báo với một hồ sơ ví dụ',
          params: z.object({ kind: z.enum(NOTICE_KINDS), channel: textChannel }),
          body: templateText,
          response: { 200: z.object({ subject: z.string().nullable(), body: z.string() }) },
        },
      },
      async (request) => {
        const parsed = templateEditSchema.safeParse({ ...request.params, ...request.body });
        if (!parsed.success)
          throw invalid(
            parsed.error.issues.map((issue) => ({
              field: `body.${issue.path.join('.')}`,
              message: issue.message,
            })),
            'Mẫu thông báo không hợp lệ.',
          );
        const template = parsed.data;
        return renderNotice(
          { subject: template.channel === 'email' ? template.subject : null, body: template.body },
          previewValues(template.kind),
        );
      },
    );
  };
}
