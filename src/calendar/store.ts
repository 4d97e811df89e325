import { type Kysely, sql } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { type AnnouncedSchedule, announcedScheduleSchema } from './schedule.js';

export async function loadAnnouncedSchedules(db: Kysely<Database>): Promise<Map<number, AnnouncedSchedule>> {
  const rows = await db.selectFrom('calendar_years').select(['year', 'schedule']).execute();
  return new Map(rows.map((row) => [row.year, announcedScheduleSchema.parse(row.schedule)]));
}

export async function calendarVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('calendar_years')
    .select(sql<string>`coalesce(max(updated_at)::text, '') || ':' || count(*)`.as('version'))
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Writes the year's schedule and its history row in one transaction. */
export async function saveAnnouncedSchedule(
  db: Kysely<Database>,
  year: number,
  schedule: AnnouncedSchedule,
  userId: number | null,
): Promise<void> {
  const json = JSON.stringify(schedule);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_years')
      .values({ year, schedule: json, updated_by: userId })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({ schedule: json, updated_by: userId, updated_at: sql`now()` }),
      )
      .execute();
    await trx
      .insertInto('calendar_year_history')
      .values({ year, schedule: json, changed_by: userId })
      .execute();
    await announceChange(trx, 'calendar', String(year));
  });
}

export async function findAnnouncedSchedule(db: Kysely<Database>, year: number) {
  return db
    .selectFrom('calendar_years')
    .select(['schedule', 'updated_at', 'updated_by'])
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function scheduleHistory(db: Kysely<Database>, year: number) {
  return db
    .selectFrom('calendar_year_history')
    .select(['schedule', 'changed_at', 'changed_by'])
    .where('year', '=', year)
    .orderBy('id', 'desc')
    .execute();
}
