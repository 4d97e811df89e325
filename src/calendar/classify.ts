import { localDay } from './dates.js';
import type { Clock } from './deadline.js';

export type Timeliness = 'early' | 'on_time' | 'late';

export interface Interval {
  from: number;
  to: number;
}

export interface ClassifyInput {
  /** First of processed / result returned / stopped / rejected. */
  finishedAt: number;
  appointmentAt: number;
  /** Supplement intervals: requested → completed. */
  supplements: Interval[];
  /** Supplement requests made during processing (after acceptance). */
  supplementRequestsDuringProcessing: number;
}

export interface ClassifyOptions {
  /** Working days before the appointment day that count as early [unverified: common practice 1 day]. */
  earlyThresholdDays: number;
}

/** The working day a finishing instant belongs to: its own day, or the next working day when it falls on a day off. */
function workingDayOf({ calendar }: Clock, instant: number): number {
  const day = localDay(instant);
  return calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day);
}

/**
 * On-time rule of the national service index (RULES.md §5): adjusted end = end − supplement
 * intervals; on time when adjusted end ≤ appointment; more than one supplement request during
 * processing counts as late. Early: finished on a working day at least the threshold of working days
 * before the appointment day; on time: on the appointment day, not after the instant.
 */
export function classifyTimeliness(
  clock: Clock,
  input: ClassifyInput,
  options: ClassifyOptions = { earlyThresholdDays: 1 },
): Timeliness {
  if (input.supplementRequestsDuringProcessing > 1) return 'late';
  const paused = input.supplements.reduce((sum, s) => sum + Math.max(0, s.to - s.from), 0);
  const adjustedEnd = input.finishedAt - paused;
  if (adjustedEnd > input.appointmentAt) return 'late';
  const ahead = clock.calendar.countWorkingDays(
    workingDayOf(clock, adjustedEnd),
    workingDayOf(clock, input.appointmentAt),
  );
  return ahead >= options.earlyThresholdDays ? 'early' : 'on_time';
}
