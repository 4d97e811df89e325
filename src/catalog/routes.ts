import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import type { ClockService } from '../calendar/clock-service.js';
import { officeHoursSchema } from '../calendar/office-hours.js';
import { timeLimitSchema } from '../calendar/time-limit.js';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf, pagination } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { findAgency, searchAgencies } from './agency-store.js';
import { editProcedure } from './edit-procedure.js';
import { groupsOfProcedure } from './group-store.js';
import {
  feeSchema,
  levelSchema,
  onlineLevelSchema,
  procedureContentSchema,
  procedureEditSchema,
  publicationSchema,
  requiredDocumentSchema,
} from './model.js';
import { canSeeUnpublished, OFFICE_HOURS_SETTERS, PUBLISHERS } from './policy.js';
import { findProcedure, listFields, procedureHistory, searchProcedures } from './procedure-store.js';
import { publishProcedure } from './publish-procedure.js';
import { setOfficeHours } from './set-office-hours.js';

const procedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  fieldCode: z.string(),
  level: z.array(z.string()),
  timeLimit: timeLimitSchema,
  onlineLevel: onlineLevelSchema,
  channels: z.array(z.string()),
});

const agencySummary = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: levelSchema,
  kind: z.string(),
  parentCode: z.string().nullable(),
  adminUnitCode: z.string().nullable(),
});

const code = z.string().min(1).max(40);

const { shape: content } = procedureContentSchema;

const procedureDetail = procedureSummary.extend({
  kind: content.kind,
  applicants: content.applicants,
  agencies: content.agencies,
  whereToFile: content.whereToFile,
  steps: content.steps,
  channelDetails: content.channelDetails,
  conditions: content.conditions,
  documentNotes: content.documentNotes,
  results: content.results,
  legalDocuments: content.legalDocuments,
  relatedProcedures: content.relatedProcedures,
  announcingDecisions: content.announcingDecisions,
  onlineReason: content.onlineReason,
  guidance: content.guidance,
  /** The groups of linked procedures this one belongs to (on the public page). */
  groups: z
    .array(z.object({ code: z.string(), name: z.string(), position: z.number(), size: z.number() }))
    .optional(),
  agencyKinds: z.array(z.string()),
  competentAgency: z.string().nullable(),
  ministry: z.string().nullable(),
  fees: z.array(feeSchema),
  documents: z.array(requiredDocumentSchema),
  legalBasis: z.string().nullable(),
  resultType: z.string().nullable(),
  receivedAtCentre: z.boolean(),
  internal: z.boolean(),
  sourceUrl: z.string().nullable(),
  versionId: z.number().nullable(),
  offered: z.boolean(),
  publications: z.array(
    z.object({
      kind: z.enum(['publish', 'amend', 'abolish']),
      decisionNumber: z.string(),
      decisionDate: z.string(),
      effectiveDate: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

const agencyDetail = agencySummary.extend({
  officeHours: z
    .object({ sessions: z.array(z.object({ start: z.string(), end: z.string() })), cutoff: z.string() })
    .nullable(),
  units: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
});

export interface CatalogRouteDeps {
  db: Kysely<Database>;
  clocks: ClockService;
  today(): string;
}

export function catalogRoutes(ctx: CatalogRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/procedures',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'searchProcedures',
          tags: ['catalog'],
          summary: 'Tra cứu thủ tục hành chính (không phân biệt dấu, chịu lỗi gõ nhỏ)',
          querystring: z.object({
            q: z.string().trim().max(200).optional(),
            field: z.string().trim().max(200).optional(),
            level: levelSchema.optional(),
            agency: z.string().trim().max(35).optional(),
            ...pagination,
          }),
          response: { 200: listOf(procedureSummary), 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) => {
        const { q, field, level, agency, page, pageSize } = request.query;
        let agencyKind: string | undefined;
        if (agency) {
          const found = await findAgency(ctx.db, agency);
          if (!found) throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${agency}.`);
          agencyKind = found.kind;
        }
        return searchProcedures(ctx.db, {
          ...(q ? { q } : {}),
          ...(field ? { field } : {}),
          ...(level ? { level } : {}),
          ...(agencyKind ? { agencyKind } : {}),
          today: ctx.today(),
          page,
          pageSize,
        });
      },
    );

    app.get(
      '/api/procedures/:code',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'getProcedure',
          tags: ['catalog'],
          summary: 'Chi tiết một thủ tục đang được công bố',
          params: z.object({ code }),
          response: { 200: procedureDetail, 404: errorResponse },
        },
      },
      async (request) => {
        const actor = request.actor;
        const procedure = await findProcedure(
          ctx.db,
          request.params.code,
          ctx.today(),
          canSeeUnpublished(actor),
        );
        if (!procedure) {
          throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${request.params.code}.`);
        }
        const groups = await groupsOfProcedure(ctx.db, request.params.code);
        return { ...procedure, groups: groups.map((group) => ({ ...group, size: Number(group.size) })) };
      },
    );

    app.put(
      '/api/procedures/:code',
      {
        config: { policy: signedIn(PUBLISHERS, 'catalogue.province') },
        schema: {
          operationId: 'editProcedure',
          tags: ['catalog'],
          summary: 'Sửa nội dung thủ tục (cán bộ kiểm soát TTHC)',
          params: z.object({ code }),
          body: procedureEditSchema,
          response: {
            200: procedureDetail,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const procedure = await editProcedure(ctx.db, actor, request.params.code, request.body, ctx.today());
        if (!procedure)
          throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${request.params.code}.`);
        return procedure;
      },
    );

    app.get(
      '/api/procedures/:code/versions',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['catalog'],
          operationId: 'listProcedureVersions',
          summary:
            'Lịch sử nội dung thủ tục: các phiên bản, quyết định và thời điểm (người sửa: chỉ cán bộ kiểm soát TTHC thấy)',
          params: z.object({ code }),
          response: {
            200: listOf(
              z.object({
                id: z.number(),
                version: z.number(),
                content: procedureContentSchema,
                decisionNumber: z.string().nullable(),
                note: z.string().nullable(),
                createdAt: z.string(),
                createdBy: z.string().nullable(),
              }),
            ),
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const history = await procedureHistory(ctx.db, request.params.code);
        if (history.length === 0)
          throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${request.params.code}.`);
        const showAuthors = canSeeUnpublished(request.actor);
        const items = history.map((v) => ({ ...v, createdBy: showAuthors ? v.createdBy : null }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/procedures/:code/publications',
      {
        config: { policy: signedIn(PUBLISHERS, 'catalogue.province') },
        schema: {
          operationId: 'recordProcedureDecision',
          tags: ['catalog'],
          summary: 'Ghi nhận quyết định công bố, sửa đổi hoặc bãi bỏ thủ tục (cán bộ kiểm soát TTHC)',
          params: z.object({ code }),
          body: publicationSchema,
          response: {
            201: procedureDetail,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await publishProcedure(ctx.db, actor, request.params.code, request.body);
        const procedure = await findProcedure(ctx.db, request.params.code, ctx.today(), true);
        if (!procedure)
          throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${request.params.code}.`);
        return reply.status(201).send(procedure);
      },
    );

    app.get(
      '/api/fields',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'listFields',
          tags: ['catalog'],
          summary: 'Lĩnh vực và số thủ tục đang công bố',
          querystring: z.object(pagination),
          response: {
            200: listOf(z.object({ code: z.string(), name: z.string(), procedureCount: z.number() })),
          },
        },
      },
      async (request) => {
        const { page, pageSize } = request.query;
        const all = await listFields(ctx.db, ctx.today());
        return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
      },
    );

    app.get(
      '/api/agencies',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'listAgencies',
          tags: ['organisation'],
          summary: 'Danh sách cơ quan, đơn vị',
          querystring: z.object({
            level: levelSchema.optional(),
            kind: z
              .enum(['province', 'department', 'centre', 'ward', 'commune', 'vertical', 'special_zone'])
              .optional(),
            q: z.string().trim().max(200).optional(),
            ...pagination,
          }),
          response: { 200: listOf(agencySummary), 400: errorResponse },
        },
      },
      async (request) => {
        const { level, kind, q, page, pageSize } = request.query;
        return searchAgencies(ctx.db, {
          ...(level ? { level } : {}),
          ...(kind ? { kind } : {}),
          ...(q ? { q } : {}),
          page,
          pageSize,
        });
      },
    );

    app.get(
      '/api/agencies/:code',
      {
        config: { policy: PUBLIC },
        schema: {
          operationId: 'getAgency',
          tags: ['organisation'],
          summary: 'Chi tiết một cơ quan và các phòng, đơn vị trực thuộc',
          params: z.object({ code }),
          response: { 200: agencyDetail, 404: errorResponse },
        },
      },
      async (request) => {
        const agency = await findAgency(ctx.db, request.params.code);
        if (!agency)
          throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${request.params.code}.`);
        return agency;
      },
    );

    app.put(
      '/api/agencies/:code/office-hours',
      {
        config: { policy: signedIn(OFFICE_HOURS_SETTERS, 'agency.office_hours') },
        schema: {
          operationId: 'setOfficeHours',
          tags: ['organisation'],
          summary: 'Đặt giờ làm việc và giờ chốt tiếp nhận của cơ quan',
          params: z.object({ code }),
          body: officeHoursSchema,
          response: {
            200: agencyDetail,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await setOfficeHours(ctx.db, actor, request.params.code, request.body);
        ctx.clocks.invalidate();
        const agency = await findAgency(ctx.db, request.params.code);
        if (!agency)
          throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${request.params.code}.`);
        return agency;
      },
    );
  };
}
