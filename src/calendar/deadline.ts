import { DAY_MS, type DayNumber, dayFromYmd, instantAt, localDay, localMsOfDay } from './dates.js';

const HOUR_MS = 3_600_000;

import type { CompiledOfficeHours } from './office-hours.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * Working time is the office hours of working days laid end to end. A position is a working day and
 * the working milliseconds already elapsed in it (0 … dayMs). The close of a day and the opening of
 * the next working day are the same position; converting back always gives the earliest instant.
 */
export interface WorkingPosition {
  day: DayNumber;
  within: number;
}

export interface Clock {
  calendar: WorkingCalendar;
  hours: CompiledOfficeHours;
}

export function positionOf({ calendar, hours }: Clock, instant: number): WorkingPosition {
  const day = localDay(instant);
  if (!calendar.isWorkingDay(day)) return { day: calendar.nextWorkingDay(day), within: 0 };
  const ms = localMsOfDay(instant);
  let within = 0;
  for (const session of hours.sessions) {
    if (ms <= session.start) break;
    within += Math.min(ms, session.end) - session.start;
  }
  return { day, within };
}

export function instantOf(hours: CompiledOfficeHours, position: WorkingPosition): number {
  let rest = position.within;
  for (const session of hours.sessions) {
    if (rest <= session.length) return instantAt(position.day, session.start + rest);
    rest -= session.length;
  }
  return instantAt(position.day, hours.closeMs);
}

/** True when the instant lies inside a session (both ends included) of a working day. */
export function isWorkingTime({ calendar, hours }: Clock, instant: number): boolean {
  if (!calendar.isWorkingDay(localDay(instant))) return false;
  const ms = localMsOfDay(instant);
  return hours.sessions.some((s) => ms >= s.start && ms <= s.end);
}

/** The instant itself when it is working time, else the opening of the next session of a working day. */
export function nextWorkingInstant(clock: Clock, instant: number): number {
  if (isWorkingTime(clock, instant)) return instant;
  const { calendar, hours } = clock;
  const day = localDay(instant);
  if (calendar.isWorkingDay(day)) {
    const ms = localMsOfDay(instant);
    const next = hours.sessions.find((s) => s.start > ms);
    if (next) return instantAt(day, next.start);
  }
  return instantAt(calendar.nextWorkingDay(day), hours.openMs);
}

/** Adds working milliseconds within office hours: used for step budgets (0.5 day, 4 hours, …) and pauses. */
export function addWorkingTime(clock: Clock, from: number, workingMs: number): number {
  if (workingMs < 0) throw new RangeError('working time to add must not be negative');
  if (workingMs === 0) return nextWorkingInstant(clock, from);
  const { calendar, hours } = clock;
  const start = positionOf(clock, from);
  const total = start.within + workingMs;
  let days = Math.floor(total / hours.dayMs);
  let within = total - days * hours.dayMs;
  if (within === 0 && days > 0) {
    days -= 1;
    within = hours.dayMs;
  }
  return instantOf(hours, { day: calendar.nthWorkingDayAfter(start.day, days), within });
}

/** Working milliseconds between two instants (negative when `to` is before `from`). */
export function elapsedWorkingTime(clock: Clock, from: number, to: number): number {
  if (to < from) return 0 - elapsedWorkingTime(clock, to, from) || 0;
  const a = positionOf(clock, from);
  const b = positionOf(clock, to);
  return clock.calendar.countWorkingDays(a.day, b.day) * clock.hours.dayMs + b.within - a.within;
}

/**
 * Working time actually spent between two instants, leaving out the pauses (a dossier waiting for the
 * applicant): used to measure real step and dossier durations. Overlapping pauses count once.
 */
export function elapsedExcludingPauses(
  clock: Clock,
  from: number,
  to: number,
  pauses: { from: number; to: number }[],
): number {
  const clipped = pauses
    .map((p) => ({ from: Math.max(p.from, from), to: Math.min(p.to, to) }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => a.from - b.from);
  let paused = 0;
  let coveredUntil = from;
  for (const pause of clipped) {
    const start = Math.max(pause.from, coveredUntil);
    if (pause.to > start) {
      paused += elapsedWorkingTime(clock, start, pause.to);
      coveredUntil = pause.to;
    }
  }
  return elapsedWorkingTime(clock, from, to) - paused;
}

/**
 * The day a filing counts as received: a filing on a non-working day or after the close of office
 * hours counts as received at the start of the next working day (Decree 45/2020 [unverified wording]).
 */
export function intakeDay({ calendar, hours }: Clock, instant: number): DayNumber {
  const day = localDay(instant);
  if (!calendar.isWorkingDay(day) || localMsOfDay(instant) > hours.closeMs)
    return calendar.nextWorkingDay(day);
  return day;
}

/**
 * A legal time limit of N working days: the intake day is not counted and the period ends at the
 * close of office hours of the N-th working day after it (Civil Code 2015 art. 147–148).
 */
export function dueAfterWorkingDays(clock: Clock, received: number, workingDays: number): number {
  if (!Number.isInteger(workingDays) || workingDays < 1)
    throw new RangeError('workingDays must be a whole number ≥ 1');
  const day = clock.calendar.nthWorkingDayAfter(intakeDay(clock, received), workingDays);
  return instantAt(day, clock.hours.closeMs);
}

/**
 * A limit in calendar days: the intake day is not counted; when the last day is not a working day the
 * period ends on the next working day (Civil Code 2015 art. 148).
 */
export function dueAfterCalendarDays(clock: Clock, received: number, days: number): number {
  let day = intakeDay(clock, received) + Math.max(1, Math.round(days));
  if (!clock.calendar.isWorkingDay(day)) day = clock.calendar.nextWorkingDay(day);
  return instantAt(day, clock.hours.closeMs);
}

/**
 * A limit in months (Civil Code 2015 art. 147–148): the intake day is not counted; the period ends on the day
 * of the last month that bears the intake day's number, or on that month's last day when it has none
 * (art. 148.3: received 31/01, one month → 28/02 or 29/02); when that day is not a working day, on the next
 * working day (art. 148.5). Like the other legal periods here it ends at the close of office hours.
 */
export function dueAfterMonths(clock: Clock, received: number, months: number): number {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a whole number ≥ 1');
  const start = new Date(intakeDay(clock, received) * DAY_MS);
  const monthIndex = start.getUTCMonth() + months;
  const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  let day = dayFromYmd(year, month + 1, Math.min(start.getUTCDate(), lastOfMonth));
  if (!clock.calendar.isWorkingDay(day)) day = clock.calendar.nextWorkingDay(day);
  return instantAt(day, clock.hours.closeMs);
}

/**
 * A limit in hours as the catalogue publishes it ("Giờ", not said to be working hours): counted from the moment
 * of receipt (Civil Code 2015 art. 147.1). An end outside office hours moves to the next opening of the office,
 * the first moment the result can be handed over.
 */
export function dueAfterHours(clock: Clock, received: number, hours: number): number {
  if (!(hours > 0)) throw new RangeError('hours must be positive');
  return nextWorkingInstant(clock, received + Math.round(hours * HOUR_MS));
}

/**
 * Same-day procedures: due at the close of the intake day when received before the cut-off (15:00),
 * else at the close of the next working day (Decree 61/2018 art. 18; civil-status and certification texts).
 */
export function dueSameDay(clock: Clock, received: number): number {
  const { calendar, hours } = clock;
  const day = localDay(received);
  const beforeCutoff = calendar.isWorkingDay(day) && localMsOfDay(received) <= hours.cutoffMs;
  const dueDay = beforeCutoff ? day : calendar.nextWorkingDay(day);
  return instantAt(dueDay, hours.closeMs);
}

export type DurationUnit = 'working_days' | 'working_hours';

export interface WorkingDuration {
  value: number;
  unit: DurationUnit;
}

/**
 * Converts a step budget to working milliseconds. A working day is the agency's office hours of a day.
 * Hours are clock hours inside office hours unless the process states its own hours per working day
 * (e.g. Nghệ An's processes: 1 day = 8 hours), in which case hours are first turned into days.
 */
export function durationToWorkingMs(
  hours: CompiledOfficeHours,
  duration: WorkingDuration,
  hoursPerDay?: number,
): number {
  if (!(duration.value >= 0)) throw new RangeError('duration must not be negative');
  if (duration.unit === 'working_days') return Math.round(duration.value * hours.dayMs);
  if (hoursPerDay) return Math.round((duration.value / hoursPerDay) * hours.dayMs);
  return Math.round(duration.value * 3_600_000);
}

/**
 * The pause rule: while a dossier waits for the applicant the clock stops, and the remaining working
 * time continues from the resume instant — the due instant moves by exactly the paused working time.
 */
export function dueAfterPause(clock: Clock, due: number, pauseStart: number, pauseEnd: number): number {
  return addWorkingTime(clock, due, Math.max(0, elapsedWorkingTime(clock, pauseStart, pauseEnd)));
}

/**
 * The restart rule: a supplement requested after appraisal restarts the time limit from zero when the
 * complete dossier arrives (Decree 61/2018 art. 19.4): the resume instant is a fresh intake.
 */
export function dueAfterRestart(clock: Clock, resumed: number, workingDays: number): number {
  return workingDays === 0 ? dueSameDay(clock, resumed) : dueAfterWorkingDays(clock, resumed, workingDays);
}
