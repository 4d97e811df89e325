import { readFileSync } from 'node:fs';
import { type AnnouncedSchedule, announcedScheduleSchema } from './schedule.js';

/** The schedules announced by the government for 2024–2026, shipped with the product and loaded into the database as demo data. */
export function shippedSchedules(): Map<number, AnnouncedSchedule> {
  const raw = JSON.parse(
    readFileSync(new URL('./announced-2024-2026.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return new Map(
    Object.entries(raw).map(([year, schedule]) => [Number(year), announcedScheduleSchema.parse(schedule)]),
  );
}
