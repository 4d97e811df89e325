import { parseInstant } from './dates.js';
import type { Clock } from './deadline.js';
import { DEFAULT_COMPILED_HOURS } from './office-hours.js';
import { shippedSchedules } from './shipped.js';
import { WorkingCalendar } from './working-calendar.js';

export const shippedClock: Clock = {
  calendar: new WorkingCalendar(shippedSchedules()),
  hours: DEFAULT_COMPILED_HOURS,
};

/** Reads a Vietnam-local timestamp such as "2025-01-24 09:00" (tests only). */
export function vn(text: string): number {
  const instant = parseInstant(text.replace(' ', 'T'));
  if (instant === null) throw new Error(`bad test instant ${text}`);
  return instant;
}
