import { classifyTimeliness } from '../calendar/classify.js';
import { dayFromIso, instantAt, localDay } from '../calendar/dates.js';
import {
  addWorkingTime,
  type Clock,
  dueAfterPause,
  dueAfterWorkingDays,
  durationToWorkingMs,
} from '../calendar/deadline.js';
import { appointmentAfter, type TimeLimit } from '../calendar/time-limit.js';
import type { Step } from '../workflow/model.js';
import type { DossierState } from './state.js';

/** The due instants the transition function needs, bound to one dossier's calendar, time limit and process. */
export interface Timing {
  /** The appointment for a dossier accepted (or complete again) at this instant, from the procedure's time limit. */
  appointment(from: number): number;
  stepDue(step: Step, from: number): number | null;
  /** After appraisal a supplement may be requested within 3 working days of receipt (Decree 61/2018 art. 19.4). */
  supplementDeadline(acceptedAt: number): number;
  /** A due instant moved by the working time of a pause (waiting for the applicant). */
  afterPause(due: number, from: number, to: number): number;
  /** The apology must be sent no later than 1 working day before the due date (art. 19.9). */
  apologyLatest(dueAt: number): number;
  consultationDue(from: number, workingDays: number): number;
  /** The close of office hours on a date (YYYY-MM-DD), or null when it is not a working day. */
  closeOfDay(isoDate: string): number | null;
  /** Early / on time / late of a dossier finishing now; null when it was never accepted. */
  timeliness(state: DossierState, finishedAt: number): 'early' | 'on_time' | 'late' | null;
}

/** Binds the working-day calendar, the procedure's time limit and the process's hours per day. */
export function timingFor(clock: Clock, limit: TimeLimit, steps: Step[], hoursPerDay: number | null): Timing {
  const stepMs = (step: Step) =>
    step.budget ? durationToWorkingMs(clock.hours, step.budget, hoursPerDay ?? undefined) : 0;
  const processDays = Math.ceil(steps.reduce((sum, step) => sum + stepMs(step), 0) / clock.hours.dayMs);
  return {
    appointment: (from) => appointmentAfter(clock, limit, from, hoursPerDay, processDays),
    stepDue: (step, from) => (step.budget ? addWorkingTime(clock, from, stepMs(step)) : null),
    supplementDeadline: (acceptedAt) => dueAfterWorkingDays(clock, acceptedAt, 3),
    afterPause: (due, from, to) => dueAfterPause(clock, due, from, to),
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
