import { formatVnInstant, isoFromDay, localDay, yearOfDay } from './dates.js';
import {
  addWorkingTime,
  type Clock,
  dueAfterWorkingDays,
  dueSameDay,
  durationToWorkingMs,
  intakeDay,
} from './deadline.js';
import type { ScheduleSource } from './schedule.js';

export interface DueRequest {
  from: number;
  workingDays?: number;
  workingHours?: number;
  hoursPerDay?: number;
}

export interface DueAnswer {
  due: string;
  dueDate: string;
  receivedOn: string;
  rule: 'working_days' | 'same_day' | 'working_time';
  source: ScheduleSource;
}

/**
 * Whole working days are a legal period (intake day not counted, ends at the close of office hours);
 * 0 days is the same-day rule with the cut-off; fractions of a day and hours are step budgets added
 * within office hours.
 */
export function computeDue(clock: Clock, request: DueRequest): DueAnswer {
  let due: number;
  let rule: DueAnswer['rule'];
  if (request.workingDays !== undefined && Number.isInteger(request.workingDays)) {
    rule = request.workingDays === 0 ? 'same_day' : 'working_days';
    due =
      request.workingDays === 0
        ? dueSameDay(clock, request.from)
        : dueAfterWorkingDays(clock, request.from, request.workingDays);
  } else {
    rule = 'working_time';
    const duration =
      request.workingDays !== undefined
        ? ({ value: request.workingDays, unit: 'working_days' } as const)
        : ({ value: request.workingHours ?? 0, unit: 'working_hours' } as const);
    due = addWorkingTime(
      clock,
      request.from,
      durationToWorkingMs(clock.hours, duration, request.hoursPerDay),
    );
  }
  const dueDay = localDay(due);
  return {
    due: formatVnInstant(due),
    dueDate: isoFromDay(dueDay),
    receivedOn: isoFromDay(intakeDay(clock, request.from)),
    rule,
    source: clock.calendar.source(yearOfDay(dueDay)),
  };
}
