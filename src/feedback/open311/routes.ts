import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/authenticate.js';
import { PUBLIC, signedIn } from '../../auth/route-policy.js';
import { parseInstant } from '../../calendar/dates.js';
import { agencyBriefs } from '../../catalog/agency-store.js';
import { databaseError } from '../../db/database-errors.js';
import { emailSchema, errorResponse, listOf } from '../../shared/api-schemas.js';
import { AppError } from '../../shared/errors.js';
import type { FeedbackDeps } from '../deps.js';
import { OPEN311_KEY_ADMINS } from '../policy.js';
import { readFeedbackSettings, searchRequestRows } from '../store.js';
import { submitFeedback } from '../submit-feedback.js';
import {
  createOpen311Client,
  listOpen311Clients,
  open311ClientByKey,
  revokeOpen311Client,
} from './clients-store.js';
import { parseFormBody } from './form-body.js';
import { serviceRequestOf } from './map-request.js';
import { isServiceCode, serviceDefinition, serviceList } from './services.js';
import { xmlDocument } from './xml.js';

/** List elements and the names of their items in GeoReport v2 XML. */
const ITEM_NAMES = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
};

const format = z.enum(['json', 'xml']);
type Format = z.infer<typeof format>;

const open311Error = z.array(z.object({ code: z.number(), description: z.string() }));

/** The format a request asked for, read from its path even when the path did not validate. */
function formatOf(request: FastifyRequest): Format {
  return /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
}

function send(
  reply: FastifyReply,
  as: Format,
  root: keyof typeof ITEM_NAMES | 'service_definition',
  value: unknown,
) {
  if (as === 'xml')
    return reply
      .type('application/xml; charset=utf-8')
      .send(xmlDocument(root, value as Parameters<typeof xmlDocument>[1], ITEM_NAMES));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

/** Errors in the GeoReport v2 shape: a list of {code, description}, with the HTTP status as the code. */
function sendError(reply: FastifyReply, as: Format, status: number, description: string) {
  return send(reply.status(status), as, 'errors', [{ code: status, description }]);
}

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const coordinate = (limit: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().min(-limit).max(limit).optional());

/** POST /requests parameters (GeoReport v2), as a form or JSON; the location is optional for feedback. */
const postRequestSchema = z.object({
  api_key: text(200),
  jurisdiction_id: text(100),
  service_code: z.string().trim().min(1).max(40),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: text(300),
  address_id: text(100),
  email: z.preprocess(blankToUndefined, emailSchema.optional()),
  device_id: text(200),
  account_id: text(200),
  first_name: text(100),
  last_name: text(100),
  phone: text(30),
  description: z.string().trim().min(20, 'Nội dung cần ít nhất 20 ký tự').max(4000),
  media_url: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  ),
  'attribute[procedure_code]': text(40),
  'attribute[dossier_code]': text(60),
});

const requestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string().nullable(),
  updated_datetime: z.string().nullable(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});

/** A title for the register, from the first line of an Open311 description (which has no title). */
function titleOf(description: string): string {
  const line = description.split(/\r?\n/)[0]?.trim() ?? description;
  return line.length <= 120 ? line : `${line.slice(0, 117)}…`;
}

/**
 * The Open311 GeoReport v2 API over feedback (https://wiki.open311.org/GeoReport_v2): services, a service's
 * attributes, posting a request with an API key, and reading requests back, each in JSON or XML as the path's
 * extension asks. Answers and errors take the specification's shapes, not the rest of the API's.
 */
export function open311Routes(deps: FeedbackDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'buffer', bodyLimit: 64 * 1024 },
      (_request, body, done) => {
        try {
          done(null, parseFormBody(body as Buffer));
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const as = formatOf(request);
      const known = error instanceof AppError ? error : databaseError(error);
      if (known) return sendError(reply, as, known.status, known.message);
      if (hasZodFastifySchemaValidationErrors(error)) {
        const issues = error.validation.map(
          (issue) =>
            `${issue.instancePath.split('/').filter(Boolean).join('.') || 'yêu cầu'}: ${issue.message}`,
        );
        return sendError(reply, as, 400, `Dữ liệu không hợp lệ — ${issues.join('; ')}`);
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500)
        return sendError(reply, as, status === 413 ? 413 : 400, 'Yêu cầu không hợp lệ.');
      request.log.error({ err: { type: error.name, message: error.message } }, 'open311: unhandled error');
      return sendError(reply, as, 500, 'Đã có lỗi hệ thống. Vui lòng thử lại sau.');
    });

    const agencyName = async (codes: (string | null)[]) => {
      const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
      return new Map((await agencyBriefs(deps.db, wanted)).map((a) => [a.code, a.name]));
    };

    app.get(
      '/open311/v2/services.:format',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['open311'],
          operationId: 'open311Services',
          summary: 'Open311 GeoReport v2: danh sách dịch vụ (loại phản ánh, kiến nghị)',
          params: z.object({ format }),
          querystring: z.object({ jurisdiction_id: z.string().max(100).optional() }),
          response: {
            200: z.array(z.object({ service_code: z.string(), service_name: z.string() }).loose()),
            400: open311Error,
          },
        },
      },
      async (request, reply) => send(reply, request.params.format, 'services', serviceList()),
    );

    app.get(
      '/open311/v2/services/:service_code.:format',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['open311'],
          operationId: 'open311ServiceDefinition',
          summary: 'Open311 GeoReport v2: các thuộc tính của một dịch vụ',
          params: z.object({ service_code: z.string().max(40), format }),
          querystring: z.object({ jurisdiction_id: z.string().max(100).optional() }),
          response: {
            200: z.object({ service_code: z.string(), attributes: z.array(z.unknown()) }),
            400: open311Error,
            404: open311Error,
          },
        },
      },
      async (request, reply) => {
        const { service_code: serviceCode, format: as } = request.params;
        if (!isServiceCode(serviceCode)) return sendError(reply, as, 404, `Không có dịch vụ ${serviceCode}.`);
        return send(reply, as, 'service_definition', serviceDefinition(serviceCode));
      },
    );

    app.post(
      '/open311/v2/requests.:format',
      {
        config: { policy: PUBLIC, rule: 'open311.api_key' },
        bodyLimit: 64 * 1024,
        schema: {
          tags: ['open311'],
          operationId: 'open311PostRequest',
          summary: 'Open311 GeoReport v2: gửi phản ánh, kiến nghị (cần api_key của ứng dụng)',
          params: z.object({ format }),
          body: postRequestSchema,
          response: {
            200: z.array(
              z.object({
                service_request_id: z.string(),
                service_notice: z.string(),
                account_id: z.string().nullable(),
              }),
            ),
            400: open311Error,
            403: open311Error,
            404: open311Error,
          },
        },
      },
      async (request, reply) => {
        const as = request.params.format;
        const body = request.body;
        const client = body.api_key ? await open311ClientByKey(deps.db, body.api_key) : undefined;
        if (!client) return sendError(reply, as, 403, 'api_key không hợp lệ hoặc đã bị thu hồi.');
        if (!isServiceCode(body.service_code))
          return sendError(reply, as, 404, `Không có dịch vụ ${body.service_code}.`);
        const name = [body.last_name, body.first_name].filter(Boolean).join(' ');
        const phone = body.phone?.replace(/[\s.()-]/g, '');
        const address =
          body.address_string ?? (body.address_id ? `Mã địa chỉ ${body.address_id}` : undefined);
        const result = await submitFeedback(deps, {
          channel: 'open311',
          actor: null,
          open311ClientId: client.id,
          submission: {
            subject: body.service_code,
            title: titleOf(body.description),
            content: body.description,
            ...(name || phone || body.email
              ? {
                  submitter: {
                    ...(name.length >= 2 ? { name } : {}),
                    ...(phone ? { phone } : {}),
                    ...(body.email ? { email: body.email } : {}),
                  },
                }
              : {}),
            ...(body['attribute[procedure_code]']
              ? { procedureCode: body['attribute[procedure_code]'] }
              : {}),
            ...(body['attribute[dossier_code]'] ? { dossierCode: body['attribute[dossier_code]'] } : {}),
            ...(body.lat !== undefined || body.long !== undefined || address
              ? {
                  location: {
                    ...(body.lat !== undefined ? { lat: body.lat } : {}),
                    ...(body.long !== undefined ? { long: body.long } : {}),
                    ...(address ? { address } : {}),
                  },
                }
              : {}),
            ...(body.media_url ? { mediaUrl: body.media_url } : {}),
          },
        });
        const settings = await readFeedbackSettings(deps.db);
        return send(reply, as, 'service_requests', [
          {
            service_request_id: result.row.code,
            service_notice: `Phản ánh, kiến nghị được xem xét, phân loại trong ${settings.forwardWithinDays} ngày làm việc; kết quả xử lý được công khai trên Cổng Dịch vụ công.`,
            account_id: body.account_id ?? null,
          },
        ]);
      },
    );

    app.get(
      '/open311/v2/requests.:format',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['open311'],
          operationId: 'open311Requests',
          summary:
            'Open311 GeoReport v2: tra cứu phản ánh, kiến nghị theo mã, dịch vụ, thời gian, trạng thái',
          params: z.object({ format }),
          querystring: z.object({
            jurisdiction_id: z.string().max(100).optional(),
            service_request_id: z.string().max(2000).optional(),
            service_code: z.string().max(40).optional(),
            start_date: z.string().max(40).optional(),
            end_date: z.string().max(40).optional(),
            status: z.enum(['open', 'closed']).optional(),
          }),
          response: { 200: z.array(requestSchema), 400: open311Error },
        },
      },
      async (request, reply) => {
        const as = request.params.format;
        const q = request.query;
        const dates = [q.start_date, q.end_date].map((d) => (d ? parseInstant(d) : undefined));
        if (dates.some((d) => d === null))
          return sendError(reply, as, 400, 'start_date, end_date phải theo ISO 8601.');
        const [from, to] = dates as (number | undefined)[];
        const codes = q.service_request_id
          ?.split(',')
          .map((c) => c.trim())
          .filter(Boolean)
          .slice(0, 100);
        // Without ids or dates the specification asks for the last 90 days.
        const since = from ?? (codes || to !== undefined ? undefined : deps.now() - 90 * 86_400_000);
        if (q.service_code && !isServiceCode(q.service_code)) return send(reply, as, 'service_requests', []);
        const rows = await searchRequestRows(deps.db, {
          ...(codes ? { codes } : {}),
          ...(q.service_code && isServiceCode(q.service_code) ? { subject: q.service_code } : {}),
          ...(since !== undefined ? { from: new Date(since) } : {}),
          ...(to !== undefined ? { to: new Date(to) } : {}),
          ...(q.status ? { open: q.status === 'open' } : {}),
          limit: 1000,
        });
        const names = await agencyName(rows.map((r) => r.handling_agency));
        return send(
          reply,
          as,
          'service_requests',
          rows.map((row) => serviceRequestOf(row, names.get(row.handling_agency ?? '') ?? null)),
        );
      },
    );

    app.get(
      '/open311/v2/requests/:service_request_id.:format',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['open311'],
          operationId: 'open311Request',
          summary: 'Open311 GeoReport v2: trạng thái một phản ánh, kiến nghị',
          params: z.object({ service_request_id: z.string().max(40), format }),
          querystring: z.object({ jurisdiction_id: z.string().max(100).optional() }),
          response: { 200: z.array(requestSchema), 400: open311Error, 404: open311Error },
        },
      },
      async (request, reply) => {
        const { service_request_id: id, format: as } = request.params;
        const [row] = await searchRequestRows(deps.db, { codes: [id], limit: 1 });
        if (!row) return sendError(reply, as, 404, `Không tìm thấy phản ánh, kiến nghị ${id}.`);
        const names = await agencyName([row.handling_agency]);
        return send(reply, as, 'service_requests', [
          serviceRequestOf(row, names.get(row.handling_agency ?? '') ?? null),
        ]);
      },
    );
  };
}

const clientSchema = z.object({
  id: z.number(),
  name: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});

/** API keys of the applications allowed to post feedback through Open311 (administrators only). */
export function open311KeyRoutes(deps: Pick<FeedbackDeps, 'db'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/open311/clients',
      {
        config: { policy: signedIn(OPEN311_KEY_ADMINS) },
        schema: {
          tags: ['open311'],
          operationId: 'createOpen311Client',
          summary: 'Cấp api_key cho một ứng dụng gửi phản ánh qua Open311 (khóa chỉ hiện một lần)',
          body: z.object({ name: z.string().trim().min(1).max(200) }),
          response: {
            201: clientSchema.extend({ apiKey: z.string() }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const created = await createOpen311Client(deps.db, request.body.name, actorOf(request).id);
        return reply.status(201).send({
          id: created.id,
          name: created.name,
          active: created.active,
          createdAt: created.created_at.toISOString(),
          apiKey: created.apiKey,
        });
      },
    );

    app.get(
      '/api/open311/clients',
      {
        config: { policy: signedIn(OPEN311_KEY_ADMINS) },
        schema: {
          tags: ['open311'],
          operationId: 'listOpen311Clients',
          summary: 'Các ứng dụng được cấp api_key Open311',
          response: { 200: listOf(clientSchema), 401: errorResponse, 403: errorResponse },
        },
      },
      async () => {
        const rows = await listOpen311Clients(deps.db);
        return {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            active: r.active,
            createdAt: r.created_at.toISOString(),
          })),
          total: rows.length,
        };
      },
    );

    app.delete(
      '/api/open311/clients/:id',
      {
        config: { policy: signedIn(OPEN311_KEY_ADMINS) },
        schema: {
          tags: ['open311'],
          operationId: 'revokeOpen311Client',
          summary: 'Thu hồi api_key của một ứng dụng Open311',
          params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
          response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        if (!(await revokeOpen311Client(deps.db, request.params.id)))
          throw new AppError('NOT_FOUND', `Không có ứng dụng Open311 số ${request.params.id}.`);
        return reply.status(204).send(null);
      },
    );
  };
}
