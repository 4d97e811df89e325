import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf, pagination } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { procedureFile, procedureFiles } from './file-store.js';
import { findGroup, listGroups } from './group-store.js';
import { procedureGroupCodeSchema, procedureGroupInputSchema } from './model.js';
import { reviewItemSchema } from './national/model.js';
import { PUBLISHERS } from './policy.js';
import {
  importReview,
  listImportReviews,
  proceduresLackingOnlineReason,
  reviewCounts,
} from './review-store.js';
import { saveGroup } from './save-group.js';
import {
  MAX_PROCEDURE_FILE_BYTES,
  PROCEDURE_FILE_TYPES,
  uploadProcedureFile,
} from './upload-procedure-file.js';

export interface ContentRouteDeps {
  db: Kysely<Database>;
}

const code = z.string().min(1).max(40);

const group = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  members: z.array(
    z.object({ position: z.number(), code: z.string(), name: z.string(), note: z.string().nullable() }),
  ),
});

const storedFile = z.object({
  id: z.number(),
  purpose: z.enum(['template', 'sample']),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
});

const controllerAnswers = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

/**
 * What controllers keep beside a procedure's versions: the review queue of imported national records, the list of
 * full-online reviews still to do, groups of linked procedures, and template and sample files.
 */
export function contentRoutes(ctx: ContentRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads are the file's bytes with its type; the type is checked again against the bytes themselves.
    for (const type of PROCEDURE_FILE_TYPES)
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: MAX_PROCEDURE_FILE_BYTES },
        (_request, body, done) => done(null, body),
      );

    app.get(
      '/api/catalog/import-reviews',
      {
        config: { policy: signedIn(PUBLISHERS) },
        schema: {
          operationId: 'listImportReviews',
          tags: ['catalog'],
          summary: 'Hàng rà soát bản ghi nhập từ CSDL quốc gia: mỗi thủ tục một dòng (cán bộ kiểm soát TTHC)',
          querystring: z.object({
            q: z.string().trim().max(200).optional(),
            field: z.string().trim().max(200).optional(),
            reason: z.string().trim().max(80).optional(),
            ...pagination,
          }),
          response: {
            200: listOf(
              z.object({
                code: z.string(),
                name: z.string(),
                field: z.string(),
                itemCount: z.number(),
                reasons: z.array(z.string()),
                importedAt: z.string(),
              }),
            ).extend({ reasons: z.array(z.object({ code: z.string(), records: z.number() })) }),
            ...controllerAnswers,
          },
        },
      },
      async (request) => {
        const { q, field, reason, page, pageSize } = request.query;
        const list = await listImportReviews(ctx.db, {
          ...(q ? { q } : {}),
          ...(field ? { field } : {}),
          ...(reason ? { reason } : {}),
          page,
          pageSize,
        });
        return { ...list, reasons: await reviewCounts(ctx.db) };
      },
    );

    app.get(
      '/api/procedures/:code/import-review',
      {
        config: { policy: signedIn(PUBLISHERS) },
        schema: {
          operationId: 'getImportReview',
          tags: ['catalog'],
          summary:
            'Những gì chưa đọc được trong bản ghi quốc gia của một thủ tục, nguyên văn (cán bộ kiểm soát TTHC)',
          params: z.object({ code }),
          response: {
            200: z.object({
              code: z.string(),
              importedAt: z.string().nullable(),
              items: z.array(reviewItemSchema),
            }),
            ...controllerAnswers,
          },
        },
      },
      async (request) => {
        const review = await importReview(ctx.db, request.params.code);
        return {
          code: request.params.code,
          importedAt: review?.importedAt ?? null,
          items: review?.items ?? [],
        };
      },
    );

    app.get(
      '/api/catalog/online-reviews',
      {
        config: { policy: signedIn(PUBLISHERS) },
        schema: {
          operationId: 'listPendingOnlineReviews',
          tags: ['catalog'],
          summary:
            'Thủ tục chưa trực tuyến toàn trình mà chưa công bố lý do (Nghị định 224/2026, Điều 14; cán bộ kiểm soát TTHC)',
          querystring: z.object(pagination),
          response: {
            200: listOf(
              z.object({
                code: z.string(),
                name: z.string(),
                field: z.string(),
                onlineLevel: z.string(),
                channels: z.array(z.string()),
              }),
            ),
            ...controllerAnswers,
          },
        },
      },
      async (request) => proceduresLackingOnlineReason(ctx.db, request.query.page, request.query.pageSize),
    );

    app.get(
      '/api/procedure-groups',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'listProcedureGroups',
          tags: ['catalog'],
          summary: 'Nhóm thủ tục liên thông và thứ tự thực hiện',
          response: { 200: listOf(group), 400: errorResponse },
        },
      },
      async () => {
        const items = await listGroups(ctx.db);
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/procedure-groups/:code',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'getProcedureGroup',
          tags: ['catalog'],
          summary: 'Một nhóm thủ tục liên thông',
          params: z.object({ code: procedureGroupCodeSchema }),
          response: { 200: group, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) => {
        const found = await findGroup(ctx.db, request.params.code);
        if (!found)
          throw new AppError('PROCEDURE_GROUP_NOT_FOUND', `Không có nhóm thủ tục mã ${request.params.code}.`);
        return found;
      },
    );

    app.put(
      '/api/procedure-groups/:code',
      {
        config: { policy: signedIn(PUBLISHERS, 'catalogue.province') },
        schema: {
          operationId: 'saveProcedureGroup',
          tags: ['catalog'],
          summary: 'Ghi nhóm thủ tục liên thông và thứ tự (cán bộ kiểm soát TTHC)',
          params: z.object({ code: procedureGroupCodeSchema }),
          body: procedureGroupInputSchema,
          response: { 200: group, ...controllerAnswers },
        },
      },
      async (request) => {
        const saved = await saveGroup(ctx.db, actorOf(request), request.params.code, request.body);
        if (!saved) throw new AppError('PROCEDURE_GROUP_NOT_FOUND', 'Không ghi được nhóm thủ tục.');
        return saved;
      },
    );

    app.get(
      '/api/procedures/:code/files',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'listProcedureFiles',
          tags: ['catalog'],
          summary: 'Mẫu đơn, tờ khai và hồ sơ mẫu đã lưu của thủ tục',
          params: z.object({ code }),
          response: { 200: listOf(storedFile.extend({ createdAt: z.string() })) },
        },
      },
      async (request) => {
        const items = await procedureFiles(ctx.db, request.params.code);
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/procedures/:code/files',
      {
        config: { policy: signedIn(PUBLISHERS, 'catalogue.province') },
        bodyLimit: MAX_PROCEDURE_FILE_BYTES,
        schema: {
          operationId: 'uploadProcedureFile',
          tags: ['catalog'],
          summary:
            'Tải lên mẫu đơn, tờ khai (DOC, DOCX, PDF) hoặc hồ sơ mẫu, tối đa 10 MB (cán bộ kiểm soát TTHC)',
          params: z.object({ code }),
          querystring: z.object({
            purpose: z.enum(['template', 'sample']),
            fileName: z.string().trim().min(1).max(300),
          }),
          response: {
            201: storedFile.extend({ sha256: z.string() }),
            ...controllerAnswers,
            404: errorResponse,
            413: errorResponse,
            415: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const stored = await uploadProcedureFile(ctx.db, actorOf(request), request.params.code, {
          purpose: request.query.purpose,
          fileName: request.query.fileName,
          declaredType: (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '',
          content,
        });
        return reply.status(201).send(stored);
      },
    );

    app.get(
      '/api/procedure-files/:id',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'downloadProcedureFile',
          tags: ['catalog'],
          summary: 'Tải về mẫu đơn, tờ khai hoặc hồ sơ mẫu',
          params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
          response: {
            200: z.any().describe('Nội dung tệp, kiểu theo Content-Type (PDF, DOC, DOCX, XLS, XLSX)'),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const file = await procedureFile(ctx.db, request.params.id);
        if (!file) throw new AppError('FILE_NOT_FOUND', 'Không có tệp này.');
        return (
          reply
            .header('content-type', file.content_type)
            .header('content-length', String(file.size))
            .header('x-content-type-options', 'nosniff')
            .header(
              'content-disposition',
              `attachment; filename="${file.file_name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
            )
            // The bytes as stored; the declared answers are the errors only, so the type provider is told nothing.
            .send(file.content as never)
        );
      },
    );
  };
}
