import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { PUBLIC, signedIn } from '../auth/route-policy.js';
import { usernames } from '../auth/store.js';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf, pagination } from '../shared/api-schemas.js';
import { invalid } from '../shared/errors.js';
import type { ClockService } from './clock-service.js';
import { computeDue } from './compute-due.js';
import { parseInstant } from './dates.js';
import { CALENDAR_EDITORS } from './policy.js';
import { announcedScheduleSchema } from './schedule.js';
import { setYearSchedule } from './set-year-schedule.js';
import { findAnnouncedSchedule, scheduleHistory } from './store.js';

const year = z.coerce.number().int().min(2000).max(2100);

const dayItem = z.object({
  date: z.string(),
  working: z.boolean(),
  reason: z.string(),
  source: z.enum(['announced', 'statutory']),
});

export interface CalendarRouteDeps {
  db: Kysely<Database>;
  clocks: ClockService;
}

export function calendarRoutes(ctx: CalendarRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/calendar/due',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['calendar'],
          operationId: 'computeDue',
          summary: 'Tính hạn giải quyết theo ngày làm việc hoặc giờ làm việc',
          querystring: z.object({
            from: z.string().min(10).max(40),
            workingDays: z.coerce.number().min(0).max(3650).optional(),
            workingHours: z.coerce.number().gt(0).max(87_600).optional(),
            hoursPerDay: z.coerce.number().gt(0).max(24).optional(),
            agency: z.string().trim().max(35).optional(),
          }),
          response: {
            200: z.object({
              due: z.string(),
              dueDate: z.string(),
              receivedOn: z.string(),
              rule: z.enum(['working_days', 'same_day', 'working_time']),
              source: z.enum(['announced', 'statutory']),
            }),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const { from, workingDays, workingHours, hoursPerDay, agency } = request.query;
        const instant = parseInstant(from);
        if (instant === null) {
          throw invalid([
            {
              field: 'querystring.from',
              message: 'Thời điểm phải theo ISO 8601, ví dụ 2026-11-23T09:00:00+07:00',
            },
          ]);
        }
        if ((workingDays === undefined) === (workingHours === undefined)) {
          throw invalid([
            {
              field: 'querystring.workingDays',
              message: 'Cần đúng một trong hai tham số workingDays hoặc workingHours',
            },
          ]);
        }
        const clock = await ctx.clocks.clock(agency);
        return computeDue(clock, {
          from: instant,
          ...(workingDays !== undefined ? { workingDays } : {}),
          ...(workingHours !== undefined ? { workingHours } : {}),
          ...(hoursPerDay !== undefined ? { hoursPerDay } : {}),
        });
      },
    );

    app.get(
      '/api/calendar/days',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['calendar'],
          operationId: 'listCalendarExceptions',
          summary: 'Ngày thường được nghỉ và ngày cuối tuần làm bù của một năm',
          querystring: z.object({ year, ...pagination, pageSize: pagination.pageSize.default(200) }),
          response: {
            200: listOf(dayItem).extend({ year: z.number(), source: z.enum(['announced', 'statutory']) }),
            400: errorResponse,
          },
        },
      },
      async (request) => {
        const calendar = await ctx.clocks.workingCalendar();
        const items = calendar.exceptions(request.query.year);
        return {
          year: request.query.year,
          source: calendar.source(request.query.year),
          items,
          total: items.length,
        };
      },
    );

    app.get(
      '/api/calendar/years/:year',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['calendar'],
          operationId: 'getCalendarYear',
          summary: 'Lịch nghỉ đã công bố của một năm và lịch sử thay đổi',
          params: z.object({ year }),
          response: {
            200: z.object({
              year: z.number(),
              source: z.enum(['announced', 'statutory']),
              schedule: z.unknown().describe('Lịch đã công bố (null khi chỉ có ngày nghỉ theo luật)'),
              updatedAt: z.unknown().describe('Thời điểm sửa gần nhất (ISO 8601) hoặc null'),
              updatedBy: z.string().nullable(),
              history: z.array(
                z.object({ changedAt: z.unknown(), changedBy: z.string().nullable(), schedule: z.unknown() }),
              ),
            }),
            400: errorResponse,
          },
        },
      },
      async (request) => {
        const stored = await findAnnouncedSchedule(ctx.db, request.params.year);
        const history = await scheduleHistory(ctx.db, request.params.year);
        const names = await usernames(ctx.db, [
          stored?.updated_by ?? null,
          ...history.map((h) => h.changed_by),
        ]);
        const nameOf = (id: number | null | undefined) => (id ? (names.get(id) ?? null) : null);
        return {
          year: request.params.year,
          source: stored ? ('announced' as const) : ('statutory' as const),
          schedule: stored?.schedule ?? null,
          updatedAt: stored?.updated_at ?? null,
          updatedBy: nameOf(stored?.updated_by),
          history: history.map((h) => ({
            changedAt: h.changed_at,
            changedBy: nameOf(h.changed_by),
            schedule: h.schedule,
          })),
        };
      },
    );

    app.put(
      '/api/calendar/years/:year',
      {
        config: { policy: signedIn(CALENDAR_EDITORS, 'calendar.province') },
        schema: {
          tags: ['calendar'],
          operationId: 'setCalendarYear',
          summary: 'Cập nhật lịch nghỉ lễ, Tết đã công bố của một năm (cán bộ kiểm soát TTHC)',
          params: z.object({ year }),
          body: announcedScheduleSchema,
          response: {
            200: listOf(dayItem).extend({ year: z.number(), source: z.enum(['announced', 'statutory']) }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await setYearSchedule(ctx.db, ctx.clocks, actor, request.params.year, request.body);
        const calendar = await ctx.clocks.workingCalendar();
        const items = calendar.exceptions(request.params.year);
        return {
          year: request.params.year,
          source: calendar.source(request.params.year),
          items,
          total: items.length,
        };
      },
    );
  };
}
