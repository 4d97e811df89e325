import { type Clock, dueAfterWorkingDays, elapsedWorkingTime } from '../calendar/deadline.js';
import type { FeedbackSettings } from './settings.js';
import type { FeedbackState } from './state.js';

/**
 * Deadline arithmetic of feedback (RULES.md §7): every period counts working days on the calendar, the day of
 * the event not counted, ending at the close of office hours of the last day (Civil Code art. 147–148);
 * something received outside office hours or on a day off counts from the next working day.
 */
export function classificationDues(clock: Clock, settings: FeedbackSettings, from: number) {
  return {
    rejectBy: dueAfterWorkingDays(clock, from, settings.rejectWithinDays),
    classifyBy: dueAfterWorkingDays(
      clock,
      from,
      Math.max(settings.clarifyWithinDays, settings.forwardWithinDays),
    ),
  };
}

/** When a classification is on time: a refusal within its own (shorter) period, anything else within the forwarding one. */
export function classifiedOnTime(
  clock: Clock,
  settings: FeedbackSettings,
  startedAt: number,
  at: number,
  refused: boolean,
): boolean {
  const days = refused ? settings.rejectWithinDays : settings.forwardWithinDays;
  return at <= dueAfterWorkingDays(clock, startedAt, days);
}

export function clarificationOnTime(
  clock: Clock,
  settings: FeedbackSettings,
  startedAt: number,
  at: number,
): boolean {
  return at <= dueAfterWorkingDays(clock, startedAt, settings.clarifyWithinDays);
}

export function handleDue(clock: Clock, settings: FeedbackSettings, assignedAt: number): number {
  return dueAfterWorkingDays(clock, assignedAt, settings.handleWithinDays);
}

/**
 * The next progress report of an overdue item: every N working days after the handling deadline has
 * passed, counted from the deadline or from the last report made after it (plan 246/KH-UBND task 16).
 */
export function nextProgressDue(
  clock: Clock,
  settings: FeedbackSettings,
  handleBy: number,
  lastReportAt: number | null,
): number {
  const from = lastReportAt !== null && lastReportAt > handleBy ? lastReportAt : handleBy;
  return dueAfterWorkingDays(clock, from, settings.progressEveryDays);
}

export function answerDue(clock: Clock, settings: FeedbackSettings, handledAt: number): number {
  return dueAfterWorkingDays(clock, handledAt, settings.answerWithinDays);
}

export function publishDue(clock: Clock, settings: FeedbackSettings, answeredAt: number): number {
  return dueAfterWorkingDays(clock, answeredAt, settings.publishWithinDays);
}

export type Urgency = 'overdue' | 'due_soon' | 'on_track' | 'waiting';

/**
 * How pressing an item is now: overdue past its deadline, due soon when at most `nearingDays` working days
 * remain, waiting when nothing is owed by us (the submitter must clarify, or it is finished).
 */
export function urgencyOf(
  clock: Clock,
  settings: FeedbackSettings,
  due: number | null,
  now: number,
): Urgency {
  if (due === null) return 'waiting';
  if (now > due) return 'overdue';
  const left = elapsedWorkingTime(clock, now, due);
  return left <= settings.nearingDays * clock.hours.dayMs ? 'due_soon' : 'on_track';
}

/** Whether an item still handling owes a progress report now. */
export function progressOwed(state: Pick<FeedbackState, 'status' | 'progressBy' | 'handleBy'>, now: number) {
  return (
    state.status === 'handling' &&
    state.handleBy !== null &&
    now > state.handleBy &&
    state.progressBy !== null &&
    now > state.progressBy
  );
}
