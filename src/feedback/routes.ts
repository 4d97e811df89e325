// The multipart plugin is registered by the server; this brings its request.file() into the types.
import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import { parseInstant } from '../calendar/dates.js';
import { sendFile } from '../documents/send-file.js';
import { errorResponse, isoDate, listOf, pagination } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { actAsSubmitter } from './act-as-submitter.js';
import { actOnFeedback } from './act-on-feedback.js';
import { attachToFeedback, type FeedbackFileDeps, feedbackAttachment } from './attach-to-feedback.js';
import {
  FEEDBACK_STATUSES,
  officerActionSchema,
  officerEntrySchema,
  submissionSchema,
  submitterActionSchema,
} from './model.js';
import {
  FEEDBACK_ACTORS,
  FEEDBACK_DESK_ROLES,
  FEEDBACK_INTAKE_ROLES,
  FEEDBACK_READERS,
  FEEDBACK_SETTINGS_EDITORS,
} from './policy.js';
import {
  feedbackOverview,
  feedbackQueue,
  myFeedback,
  officerFeedback,
  onePublishedFeedback,
  publishedFeedback,
  submitterFeedback,
} from './queries.js';
import { feedbackSettingsSchema } from './settings.js';
import { readFeedbackSettings, saveFeedbackSettings } from './store.js';
import { submitFeedback } from './submit-feedback.js';
import {
  attachmentSchema,
  officerFeedbackSchema,
  publicFeedbackSchema,
  queueItemSchema,
  submitterFeedbackSchema,
} from './view.js';

const code = z.string().regex(/^PAKN-\d{6}-\d{4,8}$/, 'Mã phản ánh, kiến nghị có dạng PAKN-YYMMDD-NNNN');
/** The submitter's key, sent in a header so that it stays out of logs of addresses. */
const keyHeader = z.object({ 'x-feedback-key': z.string().min(10).max(100).optional() });

const receipt = z.object({
  code: z.string(),
  /** Shown once: with it the submitter follows the item, clarifies it and rates the answer. */
  accessKey: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  receivedAt: z.string(),
});

function receiptOf(result: Awaited<ReturnType<typeof submitFeedback>>) {
  return {
    code: result.row.code,
    accessKey: result.accessKey,
    status: result.row.status,
    receivedAt: result.row.received_at.toISOString(),
  };
}

/** A file just attached, with the item's version after it. */
const attachedSchema = attachmentSchema.extend({ version: z.number() });

export function feedbackRoutes(deps: FeedbackFileDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/feedback',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['feedback'],
          operationId: 'submitFeedback',
          summary: 'Gửi phản ánh, kiến nghị (không cần đăng nhập; có thể ẩn danh)',
          body: submissionSchema,
          response: { 201: receipt, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const result = await submitFeedback(deps, {
          submission: request.body,
          channel: 'portal',
          actor: request.actor,
        });
        return reply.status(201).send(receiptOf(result));
      },
    );

    app.post(
      '/api/feedback/intake',
      {
        config: { policy: signedIn(FEEDBACK_INTAKE_ROLES) },
        schema: {
          tags: ['feedback'],
          operationId: 'enterFeedback',
          summary: 'Cán bộ nhập phản ánh, kiến nghị nhận bằng văn bản, điện thoại, thư điện tử',
          body: officerEntrySchema,
          response: { 201: receipt, 400: errorResponse, 401: errorResponse, 403: errorResponse },
        },
      },
      async (request, reply) => {
        const { channel, receivedAt, ...submission } = request.body;
        // The schema admits only ISO instants with an offset, which always parse.
        const received = receivedAt ? parseInstant(receivedAt) : null;
        const result = await submitFeedback(deps, {
          submission,
          channel,
          actor: actorOf(request),
          ...(received !== null ? { receivedAt: received } : {}),
        });
        return reply.status(201).send(receiptOf(result));
      },
    );

    app.get(
      '/api/feedback',
      {
        config: { policy: signedIn(FEEDBACK_READERS, 'feedback.scope') },
        schema: {
          tags: ['feedback'],
          operationId: 'feedbackQueue',
          summary: 'Danh sách phản ánh, kiến nghị cần xử lý, hạn gần nhất trước',
          querystring: z.object({
            status: z.enum(FEEDBACK_STATUSES).optional(),
            open: z.enum(['true', 'false']).optional(),
            urgency: z.enum(['overdue', 'due_soon', 'on_track', 'waiting']).optional(),
            q: z.string().trim().max(200).optional(),
            ...pagination,
          }),
          response: {
            200: listOf(queueItemSchema),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        const { status, open, urgency, q, page, pageSize } = request.query;
        return feedbackQueue(deps, actorOf(request), {
          ...(status ? { status } : {}),
          ...(open === 'true' ? { open: true } : {}),
          ...(urgency ? { urgency } : {}),
          ...(q ? { q } : {}),
          page,
          pageSize,
        });
      },
    );

    app.get(
      '/api/feedback/overview',
      {
        config: { policy: signedIn(FEEDBACK_DESK_ROLES) },
        schema: {
          tags: ['feedback'],
          operationId: 'feedbackOverview',
          summary:
            'Tổng quan phản ánh, kiến nghị: đang mở theo cơ quan, sắp đến hạn, quá hạn, tỷ lệ đúng hạn',
          querystring: z.object({
            from: isoDate('2000-01-01', '2100-12-31'),
            to: isoDate('2000-01-01', '2100-12-31'),
          }),
          response: {
            200: z.object({
              open: z.array(
                z.object({
                  agency: z.string().nullable(),
                  agencyName: z.string().nullable(),
                  open: z.number(),
                  overdue: z.number(),
                  dueSoon: z.number(),
                  waiting: z.number(),
                  progressOwed: z.number(),
                }),
              ),
              handled: z.array(
                z.object({
                  agency: z.string().nullable(),
                  agencyName: z.string().nullable(),
                  handled: z.number(),
                  onTime: z.number(),
                  rate: z.number().nullable(),
                }),
              ),
            }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => feedbackOverview(deps, request.query),
    );

    app.get(
      '/api/feedback/settings',
      {
        config: { policy: signedIn(FEEDBACK_SETTINGS_EDITORS) },
        schema: {
          tags: ['feedback'],
          operationId: 'getFeedbackSettings',
          summary: 'Thời hạn xử lý phản ánh, kiến nghị (ngày làm việc)',
          response: { 200: feedbackSettingsSchema, 401: errorResponse, 403: errorResponse },
        },
      },
      async () => readFeedbackSettings(deps.db),
    );

    app.put(
      '/api/feedback/settings',
      {
        config: { policy: signedIn(FEEDBACK_SETTINGS_EDITORS) },
        schema: {
          tags: ['feedback'],
          operationId: 'setFeedbackSettings',
          summary: 'Đặt thời hạn xử lý phản ánh, kiến nghị (áp dụng cho các bước bắt đầu từ nay)',
          body: feedbackSettingsSchema,
          response: {
            200: feedbackSettingsSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        await saveFeedbackSettings(deps.db, request.body, actorOf(request).id);
        return readFeedbackSettings(deps.db);
      },
    );

    app.get(
      '/api/feedback/:code',
      {
        config: { policy: signedIn(FEEDBACK_READERS, 'feedback.read') },
        schema: {
          tags: ['feedback'],
          operationId: 'getFeedback',
          summary: 'Chi tiết phản ánh, kiến nghị (cán bộ), với các bước được phép làm lúc này',
          params: z.object({ code }),
          response: {
            200: officerFeedbackSchema,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => officerFeedback(deps, actorOf(request), request.params.code),
    );

    app.post(
      '/api/feedback/:code/actions',
      {
        config: { policy: signedIn(FEEDBACK_ACTORS, 'feedback.act') },
        schema: {
          tags: ['feedback'],
          operationId: 'actOnFeedback',
          summary: 'Vào sổ, đề nghị làm rõ, phân loại và chuyển, báo cáo tiến độ, xử lý, trả lời, công khai',
          params: z.object({ code }),
          body: officerActionSchema,
          response: {
            200: officerFeedbackSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await actOnFeedback(deps, actor, request.params.code, request.body);
        return officerFeedback(deps, actor, request.params.code);
      },
    );

    app.get(
      '/api/feedback/:code/mine',
      {
        config: { policy: PUBLIC, rule: 'feedback.submitter' },
        schema: {
          tags: ['feedback'],
          operationId: 'getMyFeedback',
          summary: 'Người gửi theo dõi phản ánh, kiến nghị của mình (bằng khóa được cấp hoặc tài khoản)',
          params: z.object({ code }),
          headers: keyHeader,
          response: { 200: submitterFeedbackSchema, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) =>
        submitterFeedback(deps, request.params.code, request.headers['x-feedback-key'], request.actor),
    );

    app.post(
      '/api/feedback/:code/mine/actions',
      {
        config: { policy: PUBLIC, rule: 'feedback.submitter' },
        schema: {
          tags: ['feedback'],
          operationId: 'actOnMyFeedback',
          summary: 'Người gửi bổ sung, làm rõ nội dung hoặc đánh giá câu trả lời',
          params: z.object({ code }),
          headers: keyHeader,
          body: submitterActionSchema,
          response: {
            200: submitterFeedbackSchema,
            400: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request) => {
        const key = request.headers['x-feedback-key'];
        await actAsSubmitter(deps, request.params.code, key, request.actor, request.body);
        return submitterFeedback(deps, request.params.code, key, request.actor);
      },
    );

    app.post(
      '/api/feedback/:code/attachments',
      {
        config: { policy: PUBLIC, rule: 'feedback.submitter' },
        schema: {
          tags: ['feedback'],
          operationId: 'attachToFeedback',
          summary:
            'Đính kèm một tệp (PDF, ảnh, DOCX, XLSX) vào phản ánh, kiến nghị: người gửi (bằng khóa) hoặc cán bộ phụ trách, trước khi trả lời',
          consumes: ['multipart/form-data'],
          params: z.object({ code }),
          headers: keyHeader,
          body: z.any().describe('multipart/form-data: một tệp ở trường "file"'),
          response: {
            201: attachedSchema,
            400: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
            413: errorResponse,
            415: errorResponse,
            422: errorResponse,
            503: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const part = await request.file();
        if (!part) throw new AppError('VALIDATION_FAILED', 'Chưa chọn tệp để đính kèm.');
        const caller = { key: request.headers['x-feedback-key'], actor: request.actor };
        try {
          const attached = await attachToFeedback(deps, request.params.code, caller, {
            stream: part.file,
            name: part.filename,
          });
          return reply.status(201).send(attached);
        } catch (error) {
          // A refused caller's file is not read: let it drain so the answer is not held up.
          part.file.resume();
          throw error;
        }
      },
    );

    app.get(
      '/api/feedback/:code/attachments/:n',
      {
        config: { policy: PUBLIC, rule: 'feedback.submitter' },
        schema: {
          tags: ['feedback'],
          operationId: 'getFeedbackAttachment',
          summary:
            'Tệp đính kèm của phản ánh, kiến nghị (người gửi bằng khóa, cán bộ được xem); không công khai',
          params: z.object({ code, n: z.coerce.number().int().min(1).max(100) }),
          headers: keyHeader,
          response: {
            200: z.any().describe('application/octet-stream'),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const caller = { key: request.headers['x-feedback-key'], actor: request.actor };
        const file = await feedbackAttachment(deps, request.params.code, request.params.n, caller);
        return sendFile(reply, deps.documents, file);
      },
    );

    app.get(
      '/api/me/feedback',
      {
        config: { policy: signedIn(['citizen']) },
        schema: {
          tags: ['feedback'],
          operationId: 'listMyFeedback',
          summary: 'Phản ánh, kiến nghị đã gửi khi đăng nhập',
          querystring: z.object(pagination),
          response: {
            200: listOf(queueItemSchema),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => myFeedback(deps, actorOf(request), request.query.page, request.query.pageSize),
    );

    const publicItem = publicFeedbackSchema.extend({ agencyName: z.string().nullable() });

    app.get(
      '/api/public/feedback',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['feedback'],
          operationId: 'listPublishedFeedback',
          summary: 'Kết quả xử lý phản ánh, kiến nghị đã công khai (không kèm thông tin cá nhân)',
          querystring: z.object({ q: z.string().trim().max(200).optional(), ...pagination }),
          response: { 200: listOf(publicItem), 400: errorResponse },
        },
      },
      async (request) =>
        publishedFeedback(deps, request.query.q || undefined, request.query.page, request.query.pageSize),
    );

    app.get(
      '/api/public/feedback/:code',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['feedback'],
          operationId: 'getPublishedFeedback',
          summary: 'Một kết quả xử lý phản ánh, kiến nghị đã công khai',
          params: z.object({ code }),
          response: { 200: publicItem, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) => onePublishedFeedback(deps, request.params.code),
    );
  };
}
