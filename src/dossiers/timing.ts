import { classifyTimeliness } from '../calendar/classify.js';
import { dayFromIso, instantAt, localDay } from '../calendar/dates.js';
import {
  addWorkingTime,
  type Clock,
  dueAfterCalendarDays,
  dueAfterWorkingDays,
  dueSameDay,
  durationToWorkingMs,
} from '../calendar/deadline.js';
import type { TimeLimit } from '../catalog/model.js';
import type { Step } from '../workflow/model.js';
import type { Timing } from './decide.js';

/** Binds the working-day calendar, the procedure's time limit and the process's hours per day into the timing the transition function needs. */
export function timingFor(clock: Clock, limit: TimeLimit, steps: Step[], hoursPerDay: number | null): Timing {
  const stepMs = (step: Step) =>
    step.budget ? durationToWorkingMs(clock.hours, step.budget, hoursPerDay ?? undefined) : 0;
  const processMs = steps.reduce((sum, step) => sum + stepMs(step), 0);
  return {
    appointment(from) {
      const value = limit.value ?? 0;
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
        case 'unspecified':
          return dueAfterWorkingDays(clock, from, Math.max(1, Math.ceil(processMs / clock.hours.dayMs)));
      }
    },
    stepDue: (step, from) => (step.budget ? addWorkingTime(clock, from, stepMs(step)) : null),
    supplementDeadline: (acceptedAt) => dueAfterWorkingDays(clock, acceptedAt, 3),
    apologyLatest: (dueAt) =>
      instantAt(clock.calendar.previousWorkingDay(localDay(dueAt)), clock.hours.closeMs),
    consultationDue: (from, workingDays) =>
      addWorkingTime(clock, from, Math.round(workingDays * clock.hours.dayMs)),
    timeliness(state, finishedAt) {
      if (state.originalDueAt === null) return null;
      // The appointment was re-set by an apology: the dossier still counts as late (art. 19.9).
      if (state.apologyCount > 0) return 'late';
      return classifyTimeliness(clock, {
        finishedAt,
        appointmentAt: state.originalDueAt,
        supplements: [{ from: 0, to: state.pausedMs }],
        supplementRequestsDuringProcessing: state.supplementCount,
      });
    },
    closeOfDay(isoDate) {
      const day = dayFromIso(isoDate);
      return clock.calendar.isWorkingDay(day) ? instantAt(day, clock.hours.closeMs) : null;
    },
  };
}

/** The procedure's time limit as working time, when it is one (for process validation). */
export function limitAsWorkingMs(clock: Clock, limit: TimeLimit, hoursPerDay: number | null): number | null {
  if (limit.value === null) return null;
  if (limit.unit === 'working_days') return Math.round(limit.value * clock.hours.dayMs);
  if (limit.unit === 'same_day') return clock.hours.dayMs;
  if (limit.unit === 'working_hours')
    return durationToWorkingMs(
      clock.hours,
      { value: limit.value, unit: 'working_hours' },
      hoursPerDay ?? undefined,
    );
  if (limit.unit === 'days') return Math.round(limit.value * clock.hours.dayMs);
  return null;
}
