import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import {
  addWorkingTime,
  type Clock,
  dueAfterCalendarDays,
  dueAfterHours,
  dueAfterMonths,
  dueAfterWorkingDays,
  dueSameDay,
  durationToWorkingMs,
  nextWorkingInstant,
} from './deadline.js';

/** The longest limit any procedure may have (ten years of working days, or of days). */
export const MAX_LIMIT_VALUE = 3650;

/**
 * A procedure's legal time limit (thời hạn giải quyết) in one of the units seen in real catalogues
 * (RULES.md §5): working days, working hours, hours as published ("Giờ"), calendar days, months, same day.
 * Values are bounded so that no published limit can make deadline arithmetic run away.
 */
export const timeUnitSchema = z.enum([
  'working_days',
  'working_hours',
  'hours',
  'days',
  'months',
  'same_day',
  'unspecified',
]);
export type TimeUnit = z.infer<typeof timeUnitSchema>;

export const timeLimitSchema = z
  .object({
    value: z.number().min(0).max(MAX_LIMIT_VALUE).nullable(),
    unit: timeUnitSchema,
    cutoff: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((limit) => limit.unit !== 'months' || limit.value === null || Number.isInteger(limit.value), {
    message: 'Thời hạn tính bằng tháng phải là số nguyên',
    path: ['value'],
  });
export type TimeLimit = z.infer<typeof timeLimitSchema>;

/**
 * The appointment for a dossier received (or complete again) at `from`: a legal period in working days
 * (the day of receipt not counted, due at the close of the N-th working day — Civil Code 2015 art. 147–148),
 * same-day with the cut-off, working hours, hours, calendar days or months. A limit the catalogue leaves unspecified falls
 * back to `unspecifiedWorkingDays` (the process's own length).
 */
export function appointmentAfter(
  clock: Clock,
  limit: TimeLimit,
  from: number,
  hoursPerDay: number | null,
  unspecifiedWorkingDays: number,
): number {
  const value = limit.value ?? 0;
  // A limit outside what the schema allows can only come from bad stored data: refuse it, never loop on it.
  if (!Number.isFinite(value) || value < 0 || value > MAX_LIMIT_VALUE)
    throw new AppError(
      'PROCEDURE_MISCONFIGURED',
      'Thời hạn giải quyết của thủ tục không hợp lệ; đề nghị cán bộ kiểm soát TTHC sửa lại.',
    );
  switch (limit.unit) {
    case 'same_day':
      return dueSameDay(clock, from);
    case 'working_days':
      if (value === 0) return dueSameDay(clock, from);
      if (Number.isInteger(value)) return dueAfterWorkingDays(clock, from, value);
      return addWorkingTime(clock, from, Math.round(value * clock.hours.dayMs));
    case 'working_hours':
      return addWorkingTime(
        clock,
        from,
        durationToWorkingMs(clock.hours, { value, unit: 'working_hours' }, hoursPerDay ?? undefined),
      );
    case 'days':
      return dueAfterCalendarDays(clock, from, value);
    case 'months':
      return value === 0 ? dueSameDay(clock, from) : dueAfterMonths(clock, from, value);
    case 'hours':
      return value === 0 ? nextWorkingInstant(clock, from) : dueAfterHours(clock, from, value);
    case 'unspecified':
      return dueAfterWorkingDays(clock, from, Math.max(1, unspecifiedWorkingDays));
  }
}

/** The time limit as working time, when it is one (to check that a process's step budgets fit in it). */
export function limitAsWorkingMs(clock: Clock, limit: TimeLimit, hoursPerDay: number | null): number | null {
  if (limit.value === null) return null;
  switch (limit.unit) {
    case 'working_days':
    case 'days':
      return Math.round(limit.value * clock.hours.dayMs);
    case 'same_day':
      return clock.hours.dayMs;
    // Elapsed hours hold at most as much working time.
    case 'hours':
      return Math.round(limit.value * 3_600_000);
    // A month holds a number of working days that depends on the month and its holidays: no fixed figure.
    case 'months':
      return null;
    case 'working_hours':
      return durationToWorkingMs(
        clock.hours,
        { value: limit.value, unit: 'working_hours' },
        hoursPerDay ?? undefined,
      );
    case 'unspecified':
      return null;
  }
}
