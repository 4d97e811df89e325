import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { OFFICER_ROLES } from '../auth/roles.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import { formatVnInstant } from '../calendar/dates.js';
import { sendFile } from '../documents/send-file.js';
import { errorResponse, isoDate, listOf, pagination } from '../shared/api-schemas.js';
import { AppError, invalid } from '../shared/errors.js';
import { findProcess } from '../workflow/store.js';
import { actionsAvailable, actOnDossier, dossierNotFound, readableDossier } from './act.js';
import { dossierFile, hasSignedResult, latestFile } from './files-store.js';
import { FORMS, type FormName, renderDossierForm, trackingPageUrl } from './forms/render-dossier-form.js';
import { renderLogbook } from './forms/render-logbook.js';
import { type DossierDeps, intakeDossier } from './intake.js';
import { listDossierFiles } from './list-files.js';
import { ACTION_NAMES, actionSchema, intakeSchema, STATUSES, signatureCheckSchema } from './model.js';
import { ACTING_ROLES, INTAKE_ROLES } from './policy.js';
import { officerQueue, ownDossiers, searchDossiers, trackDossier } from './queries.js';
import { decodeQueueCursor } from './queue-cursor.js';
import { findDossierRow, loadEvents } from './store.js';
import { dossierSummarySchema, dossierView, dossierViewSchema } from './view.js';

const cappedPageSchema = listOf(dossierSummarySchema).extend({
  totalIsExact: z
    .boolean()
    .describe('Sai khi danh sách có nhiều hồ sơ hơn số được đếm; `total` khi đó là "hơn"'),
  next: z.string().nullable().describe('Con trỏ của trang tiếp theo (tham số `after`), null ở trang cuối'),
});

const code = z.string().min(10).max(60);

const pdfResponse = z.any().describe('application/pdf');

/**
 * What anyone holding a code sees: the progress the law asks to show without login (Circular 01/2018
 * art. 16.2.d) — status, agencies, times, outcome. Not the procedure: its name tells what happened in a
 * family (a birth, a divorce); the applicant sees it after signing in.
 */
const trackSchema = z.object({
  code: z.string(),
  status: z.enum(STATUSES),
  statusName: z.string(),
  nationalStatus: z.number(),
  receivingAgency: z.string(),
  handlingAgency: z.string(),
  receivedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  overdue: z.boolean(),
  outcome: z.string().nullable(),
  /** The result is a signed electronic document (downloaded by the applicant after logging in). */
  electronicResult: z.boolean(),
  history: z.array(
    z.object({ action: z.string(), status: z.string(), agency: z.string(), at: z.string().nullable() }),
  ),
});

const eventSchema = z.object({
  seq: z.number(),
  action: z.string(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorRole: z.string().nullable(),
  actorAgency: z.string().nullable(),
  agencyCode: z.string(),
  fromStep: z.string().nullable(),
  toStep: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

const fileSchema = z.object({
  id: z.number(),
  role: z.enum(['document', 'scan', 'scan_seal', 'result', 'signed_result']),
  documentName: z.string().nullable(),
  position: z.number(),
  name: z.string(),
  bytes: z.number(),
  mime: z.string(),
  pages: z.number().nullable(),
  origin: z.enum(['upload', 'wallet', 'registry', 'paper', 'issued']),
  walletItem: z
    .object({
      id: z.number(),
      kind: z.enum(['document', 'result']),
      title: z.string(),
      dossierCode: z.string(),
      agencyName: z.string(),
      issuedAt: z.string(),
      signedBy: z.string().nullable(),
      validUntil: z.string().nullable(),
    })
    .nullable(),
  scan: z.enum(['clean', 'not_scanned']),
  scanner: z.string().nullable(),
  signatures: z.array(signatureCheckSchema),
  attachedAt: z.string(),
});

const fileResponse = z.any().describe('application/octet-stream');

export interface DossierRouteDeps extends DossierDeps {
  /** Public base URL, for links printed on forms (QR to public tracking). */
  publicUrl: string;
}

export function dossierRoutes(ctx: DossierRouteDeps): FastifyPluginAsyncZod {
  const deps: DossierDeps = {
    db: ctx.db,
    clocks: ctx.clocks,
    today: ctx.today,
    now: ctx.now,
    documents: ctx.documents,
  };
  const formDeps = { db: ctx.db, clocks: ctx.clocks, today: ctx.today, publicUrl: ctx.publicUrl };
  return async (app) => {
    app.post(
      '/api/dossiers',
      {
        config: { policy: signedIn(INTAKE_ROLES, 'dossier.intake') },
        schema: {
          operationId: 'receiveDossier',
          tags: ['dossiers'],
          summary: 'Nộp / tiếp nhận hồ sơ (trực tuyến, tại quầy, qua bưu chính)',
          body: intakeSchema,
          headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
          response: {
            200: dossierViewSchema,
            201: dossierViewSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
            422: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const result = await intakeDossier(deps, actor, request.body, request.headers['idempotency-key']);
        return reply
          .status(result.status === 200 ? 200 : 201)
          .send(result.body as z.infer<typeof dossierViewSchema>);
      },
    );

    app.post(
      '/api/dossiers/:code/actions',
      {
        config: { policy: signedIn(ACTING_ROLES, 'dossier.act') },
        schema: {
          operationId: 'actOnDossier',
          tags: ['dossiers'],
          summary: 'Thao tác xử lý hồ sơ (tiếp nhận, bổ sung, chuyển, phê duyệt, trả kết quả, …)',
          params: z.object({ code }),
          body: actionSchema,
          response: {
            200: dossierViewSchema,
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
        return actOnDossier(deps, actor, request.params.code, request.body);
      },
    );

    app.get(
      '/api/dossiers/:code',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          tags: ['dossiers'],
          operationId: 'getDossier',
          summary: 'Hồ sơ (người nộp, tờ khai, giấy tờ, trạng thái, hạn)',
          params: z.object({ code }),
          response: { 200: dossierViewSchema, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) => {
        const row = await readableDossier(ctx.db, actorOf(request), request.params.code);
        const process = await findProcess(ctx.db, row.process_id);
        const stepName = process?.steps.find((s) => s.key === row.step_key)?.name ?? null;
        return { ...dossierView(row, ctx.now()), stepName };
      },
    );

    app.get(
      '/api/dossiers/:code/actions',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          operationId: 'listAvailableActions',
          tags: ['dossiers'],
          summary: 'Các thao tác người dùng được phép thực hiện với hồ sơ ở bước hiện tại',
          params: z.object({ code }),
          response: {
            200: listOf(
              z.object({
                action: z.enum(ACTION_NAMES as [string, ...string[]]),
                toSteps: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
              }),
            ),
            401: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const items = await actionsAvailable(deps, actor, request.params.code);
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/dossiers/:code/events',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          operationId: 'listDossierEvents',
          tags: ['dossiers'],
          summary: 'Nhật ký xử lý hồ sơ',
          params: z.object({ code }),
          response: { 200: listOf(eventSchema), 404: errorResponse },
        },
      },
      async (request) => {
        const row = await readableDossier(ctx.db, actorOf(request), request.params.code);
        const events = await loadEvents(ctx.db, row.id);
        const items = events.map((e) => ({ ...e, at: formatVnInstant(e.at) }));
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/dossiers/:code/files',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          operationId: 'listDossierFiles',
          tags: ['dossiers'],
          summary: 'Tệp của hồ sơ: giấy tờ (nguồn gốc, chữ ký số), bản số hóa, kết quả',
          params: z.object({ code }),
          response: { 200: listOf(fileSchema), 400: errorResponse, 401: errorResponse, 404: errorResponse },
        },
      },
      async (request) => {
        const row = await readableDossier(ctx.db, actorOf(request), request.params.code);
        const items = await listDossierFiles(ctx.db, row);
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/dossiers/:code/files/:id',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          operationId: 'getDossierFile',
          tags: ['dossiers'],
          summary: 'Tải một tệp của hồ sơ (chỉ người được xem hồ sơ)',
          params: z.object({ code, id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          response: { 200: fileResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const row = await readableDossier(ctx.db, actorOf(request), request.params.code);
        const file = await dossierFile(ctx.db, row.id, request.params.id);
        if (!file) throw new AppError('NOT_FOUND', 'Hồ sơ không có tệp này.');
        return sendFile(reply, ctx.documents, file);
      },
    );

    app.get(
      '/api/dossiers/:code/result.pdf',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          operationId: 'getSignedResult',
          tags: ['dossiers'],
          summary: 'Tải kết quả giải quyết đã ký số (PDF)',
          params: z.object({ code }),
          response: { 200: pdfResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const row = await readableDossier(ctx.db, actorOf(request), request.params.code);
        const file = await latestFile(ctx.db, row.id, 'signed_result');
        if (!file) throw new AppError('NOT_FOUND', 'Hồ sơ chưa có kết quả điện tử đã ký số.');
        return sendFile(reply, ctx.documents, file, { inline: true });
      },
    );

    app.get(
      '/api/queue',
      {
        config: { policy: signedIn(OFFICER_ROLES) },
        schema: {
          operationId: 'officerQueue',
          tags: ['dossiers'],
          summary: 'Hàng đợi công việc của cán bộ, sắp theo hạn của bước',
          querystring: z.object({
            scope: z.enum(['mine', 'unit', 'agency']).default('mine'),
            status: z.enum(STATUSES).optional(),
            overdue: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            after: z
              .string()
              .max(64)
              .optional()
              .describe(
                'Con trỏ `next` của trang trước: trang tiếp theo bắt đầu sau hồ sơ cuối của trang đó',
              ),
            ...pagination,
          }),
          response: {
            200: cappedPageSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { scope, status, overdue, after, page, pageSize } = request.query;
        const cursor = after === undefined ? undefined : decodeQueueCursor(after);
        if (cursor === null)
          throw invalid([{ field: 'querystring.after', message: 'Con trỏ trang không hợp lệ' }]);
        return officerQueue(ctx.db, actor, {
          scope,
          ...(status ? { status } : {}),
          ...(overdue !== undefined ? { overdue } : {}),
          ...(cursor ? { after: cursor } : {}),
          page,
          pageSize,
          now: ctx.now(),
        });
      },
    );

    app.get(
      '/api/dossiers',
      {
        config: { policy: signedIn(OFFICER_ROLES, 'dossier.visibility') },
        schema: {
          operationId: 'searchDossiers',
          tags: ['dossiers'],
          summary:
            'Tìm hồ sơ theo mã, tên người nộp (không dấu), số định danh, thủ tục, trạng thái, thời gian',
          querystring: z.object({
            q: z.string().trim().max(200).optional(),
            idNumber: z
              .string()
              .regex(/^\d{9,13}$/)
              .optional(),
            procedure: z.string().max(40).optional(),
            status: z.enum(STATUSES).optional(),
            from: isoDate('2000-01-01', '2100-12-31').optional(),
            to: isoDate('2000-01-01', '2100-12-31').optional(),
            ...pagination,
          }),
          response: {
            200: cappedPageSchema.omit({ next: true }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { q, idNumber, procedure, status, from, to, page, pageSize } = request.query;
        return searchDossiers(ctx.db, actor, {
          ...(q ? { q } : {}),
          ...(idNumber ? { idNumber } : {}),
          ...(procedure ? { procedure } : {}),
          ...(status ? { status } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          page,
          pageSize,
          now: ctx.now(),
        });
      },
    );

    app.get(
      '/api/me/dossiers',
      {
        config: { policy: signedIn(['citizen'], 'dossier.visibility') },
        schema: {
          operationId: 'myDossiers',
          tags: ['dossiers'],
          summary: 'Hồ sơ của tôi',
          querystring: z.object(pagination),
          response: { 200: listOf(dossierSummarySchema), 401: errorResponse },
        },
      },
      async (request) => {
        return ownDossiers(ctx.db, actorOf(request), request.query.page, request.query.pageSize, ctx.now());
      },
    );

    app.get(
      '/api/dossiers/:code/forms/:form',
      {
        config: { policy: signedIn('any', 'dossier.read') },
        schema: {
          operationId: 'getDossierForm',
          tags: ['dossiers'],
          summary:
            'Biểu mẫu PDF: giấy tiếp nhận, yêu cầu bổ sung, từ chối, xin lỗi, phiếu kiểm soát, dừng xử lý',
          params: z.object({ code, form: z.enum(FORMS.map((f) => `${f}.pdf`) as [string, ...string[]]) }),
          response: { 200: pdfResponse, 400: errorResponse, 401: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const form = request.params.form.replace(/\.pdf$/, '') as FormName;
        const pdf = await renderDossierForm(formDeps, actor, request.params.code, form);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${request.params.code}-${form}.pdf"`)
          .send(pdf);
      },
    );

    app.get(
      '/api/logbook.pdf',
      {
        config: { policy: signedIn(OFFICER_ROLES, 'logbook.agency') },
        schema: {
          operationId: 'getLogbook',
          tags: ['dossiers'],
          summary: 'Sổ theo dõi hồ sơ của cơ quan tiếp nhận trong một năm hoặc một tháng (PDF, A4)',
          querystring: z.object({
            agency: z.string().max(35),
            year: z.coerce.number().int().min(2000).max(2100),
            month: z.coerce.number().int().min(1).max(12).optional(),
          }),
          response: {
            200: pdfResponse,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { agency, year, month } = request.query;
        const pdf = await renderLogbook(ctx.db, actor, agency, year, month ?? null);
        return reply.header('content-type', 'application/pdf').send(pdf);
      },
    );

    app.get(
      '/api/track/:code',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'trackDossier',
          tags: ['dossiers'],
          summary: 'Tra cứu tiến độ hồ sơ theo mã (công khai, không có thông tin cá nhân)',
          params: z.object({ code }),
          response: { 200: trackSchema, 404: errorResponse },
        },
      },
      async (request) => {
        const tracked = await trackDossier(ctx.db, request.params.code, ctx.now());
        // Every lookup is logged with the client address: a run of misses from one address is guessing.
        request.log.info({ ip: request.ip, found: tracked !== null }, 'public tracking');
        if (!tracked) throw dossierNotFound(request.params.code);
        const row = await findDossierRow(ctx.db, tracked.code);
        const { procedure: _hidden, ...progress } = tracked;
        return { ...progress, electronicResult: row ? await hasSignedResult(ctx.db, row.id) : false };
      },
    );

    app.get(
      '/api/track/:code/qr.svg',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'trackingQrCode',
          tags: ['dossiers'],
          summary: 'Mã QR mở trang tra cứu hồ sơ (SVG)',
          params: z.object({ code }),
          response: { 200: z.any().describe('image/svg+xml'), 404: errorResponse },
        },
      },
      async (request, reply) => {
        const tracked = await trackDossier(ctx.db, request.params.code, ctx.now());
        if (!tracked) throw dossierNotFound(request.params.code);
        const svg = await QRCode.toString(trackingPageUrl(ctx.publicUrl, tracked.code), {
          type: 'svg',
          margin: 2,
          errorCorrectionLevel: 'M',
        });
        return reply
          .header('content-type', 'image/svg+xml')
          .header('cache-control', 'public, max-age=86400')
          .send(svg);
      },
    );
  };
}
