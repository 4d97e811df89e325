import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import { errorResponse } from '../shared/api-schemas.js';
import type { RatingDeps } from './deps.js';
import { enterPaperRating } from './enter-paper-rating.js';
import { ratingsWorkbook, type Sheet } from './export-xlsx.js';
import { LEVELS, paperRatingSchema, QUICK_LEVELS, ratingInputSchema, ratingSettingsSchema } from './model.js';
import {
  PAPER_ENTRY_ROLES,
  RATERS,
  RATING_PUBLISHERS,
  RATING_READERS,
  RATING_SETTINGS_EDITORS,
  ratingScope,
} from './policy.js';
import { publishedResults, publishQuarter } from './publish-quarter.js';
import { ownRating, rateOnline } from './rate-online.js';
import { readRatingSettings, saveRatingSettings } from './store.js';
import { ratingSummary } from './summarize.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A workbook, sent as bytes. */
const xlsxResponse = z.any().describe('Bảng tính .xlsx');
const points = z.union([z.literal(0), z.literal(1), z.literal(2)]).nullable();
const year = z.coerce.number().int().min(2000).max(2100);
const quarter = z.coerce.number().int().min(1).max(4);
const code = z.string().min(1).max(60);

const means = z.object({
  i1: z.number().nullable(),
  i2: z.number().nullable(),
  i3: z.number().nullable(),
  i4: z.number().nullable(),
  i5: z.number().nullable(),
  i6: z.number().nullable(),
  i7: z.number().nullable(),
  i8: z.number().nullable(),
  i9: z.number().nullable(),
});

const summaryRow = z.object({
  agency: z.string(),
  agencyName: z.string(),
  unit: z.string().nullable(),
  unitName: z.string().nullable(),
  officer: z.number().nullable(),
  officerName: z.string().nullable(),
  ratings: z.number(),
  verySatisfied: z.number(),
  satisfied: z.number(),
  notSatisfied: z.number(),
  satisfactionRate: z.number().nullable(),
  means,
  score: z.number().nullable(),
  band: z.string().nullable(),
});

const ownRatingSchema = z.object({
  dossierCode: z.string(),
  open: z.boolean(),
  changeable: z.boolean(),
  changeableUntil: z.string().nullable(),
  rating: z
    .object({
      channel: z.enum(['online', 'paper']),
      quick: z.enum(QUICK_LEVELS),
      reason: z.string().nullable(),
      computed: z.object({ i1: points, i3: points, i4: points }),
      answers: z.object({ i5: points, i6: points, i7: points, i8: points, i9: points }),
      ratedAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
});

const summaryQuery = z.object({ level: z.enum(LEVELS).default('agency'), year, quarter: quarter.optional() });

function periodName(y: number, q?: number) {
  return q ? `Quý ${q}-${y}` : `Năm ${y}`;
}

export function ratingRoutes(deps: RatingDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dossiers/:code/rating',
      {
        config: { policy: signedIn(RATERS, 'rating.own') },
        schema: {
          tags: ['ratings'],
          operationId: 'getMyRating',
          summary: 'Đánh giá của người nộp cho hồ sơ của mình (chỉ người nộp xem được)',
          params: z.object({ code }),
          response: { 200: ownRatingSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (request) => ownRating(deps, actorOf(request), request.params.code),
    );

    app.put(
      '/api/dossiers/:code/rating',
      {
        config: { policy: signedIn(RATERS, 'rating.own') },
        schema: {
          tags: ['ratings'],
          operationId: 'rateDossier',
          summary: 'Đánh giá mức độ hài lòng với hồ sơ đã trả kết quả (sửa được trong thời hạn cho phép)',
          params: z.object({ code }),
          body: ratingInputSchema,
          response: {
            200: ownRatingSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request) => rateOnline(deps, actorOf(request), request.params.code, request.body),
    );

    app.post(
      '/api/ratings/paper',
      {
        config: { policy: signedIn(PAPER_ENTRY_ROLES, 'rating.paper') },
        schema: {
          tags: ['ratings'],
          operationId: 'enterPaperRating',
          summary: 'Nhập phiếu đánh giá bằng giấy tại Bộ phận Một cửa (không đọc lại được)',
          body: paperRatingSchema,
          response: {
            201: z.object({ recorded: z.literal(true) }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request, reply) => {
        await enterPaperRating(deps, actorOf(request), request.body);
        return reply.status(201).send({ recorded: true as const });
      },
    );

    app.get(
      '/api/ratings/summary',
      {
        config: { policy: signedIn(RATING_READERS, 'ratings.scope') },
        schema: {
          tags: ['ratings'],
          operationId: 'ratingSummary',
          summary:
            'Tổng hợp đánh giá theo cơ quan, phòng hoặc cán bộ trong quý hoặc năm (chỉ số liệu tổng hợp)',
          querystring: summaryQuery,
          response: {
            200: z.object({ items: z.array(summaryRow), total: z.number() }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        const { level, year: y, quarter: q } = request.query;
        const items = await ratingSummary(deps.db, {
          level,
          year: y,
          ...(q ? { quarter: q } : {}),
          ...ratingScope(actorOf(request)),
        });
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/ratings/summary.xlsx',
      {
        config: { policy: signedIn(RATING_READERS, 'ratings.scope') },
        schema: {
          tags: ['ratings'],
          operationId: 'ratingSummaryXlsx',
          summary: 'Tổng hợp đánh giá dạng bảng tính .xlsx',
          querystring: summaryQuery,
          response: { 200: xlsxResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse },
        },
      },
      async (request, reply) => {
        const { level, year: y, quarter: q } = request.query;
        const rows = await ratingSummary(deps.db, {
          level,
          year: y,
          ...(q ? { quarter: q } : {}),
          ...ratingScope(actorOf(request)),
        });
        const name = periodName(y, q);
        const body = await ratingsWorkbook([
          { name, title: `Kết quả đánh giá giải quyết thủ tục hành chính — ${name}`, level, rows },
        ]);
        return reply
          .type(XLSX)
          .header(
            'content-disposition',
            `attachment; filename="danh-gia-${level}-${y}${q ? `-q${q}` : ''}.xlsx"`,
          )
          .send(body);
      },
    );

    app.post(
      '/api/ratings/publications',
      {
        config: { policy: signedIn(RATING_PUBLISHERS) },
        schema: {
          tags: ['ratings'],
          operationId: 'publishRatings',
          summary: 'Công bố kết quả đánh giá của một quý đã kết thúc trên Cổng Dịch vụ công',
          body: z.object({ year: year, quarter }),
          response: {
            201: z.object({ year: z.number(), quarter: z.number(), agencies: z.number() }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await publishQuarter(deps, actorOf(request), request.body)),
    );

    const published = z.object({
      year: z.number(),
      quarter: z.number(),
      publishedAt: z.string(),
      rows: z.array(summaryRow),
    });

    app.get(
      '/api/public/ratings',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['ratings'],
          operationId: 'publishedRatings',
          summary: 'Kết quả đánh giá mức độ hài lòng đã công bố, theo quý và cơ quan',
          querystring: z.object({ year }),
          response: { 200: z.object({ items: z.array(published), total: z.number() }), 400: errorResponse },
        },
      },
      async (request) => {
        const items = await publishedResults(deps, request.query.year);
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/public/ratings.xlsx',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['ratings'],
          operationId: 'publishedRatingsXlsx',
          summary: 'Kết quả đánh giá đã công bố của một năm, dạng .xlsx',
          querystring: z.object({ year }),
          response: { 200: xlsxResponse, 400: errorResponse },
        },
      },
      async (request, reply) => {
        const y = request.query.year;
        const sheets: Sheet[] = (await publishedResults(deps, y)).map((p) => ({
          name: periodName(p.year, p.quarter),
          title: `Kết quả đánh giá giải quyết thủ tục hành chính — ${periodName(p.year, p.quarter)}`,
          level: 'agency',
          rows: p.rows,
        }));
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="danh-gia-${y}.xlsx"`)
          .send(await ratingsWorkbook(sheets));
      },
    );

    app.get(
      '/api/ratings/settings',
      {
        config: { policy: signedIn(RATING_SETTINGS_EDITORS) },
        schema: {
          tags: ['ratings'],
          operationId: 'getRatingSettings',
          summary: 'Thời hạn được sửa đánh giá',
          response: { 200: ratingSettingsSchema, 401: errorResponse, 403: errorResponse },
        },
      },
      async () => readRatingSettings(deps.db),
    );

    app.put(
      '/api/ratings/settings',
      {
        config: { policy: signedIn(RATING_SETTINGS_EDITORS) },
        schema: {
          tags: ['ratings'],
          operationId: 'setRatingSettings',
          summary: 'Đặt thời hạn được sửa đánh giá (ngày)',
          body: ratingSettingsSchema,
          response: { 200: ratingSettingsSchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
        },
      },
      async (request) => {
        await saveRatingSettings(deps.db, request.body, actorOf(request).id);
        return readRatingSettings(deps.db);
      },
    );
  };
}
