import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import type { ClockService } from './clock-service.js';
import { canEditCalendar } from './policy.js';
import { type AnnouncedSchedule, checkAnnouncedSchedule } from './schedule.js';
import { saveAnnouncedSchedule } from './store.js';

/** A controller records the schedule the government announced for a year; it overrides the statutory default. */
export async function setYearSchedule(
  db: Kysely<Database>,
  clocks: ClockService,
  actor: Actor,
  year: number,
  schedule: AnnouncedSchedule,
): Promise<void> {
  if (!canEditCalendar(actor)) {
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC hoặc quản trị được sửa lịch làm việc.');
  }
  const issues = checkAnnouncedSchedule(year, schedule);
  if (issues.length > 0) throw invalid(issues, 'Lịch nghỉ lễ không hợp lệ.');
  await saveAnnouncedSchedule(db, year, schedule, actor.id);
  clocks.invalidate();
}
