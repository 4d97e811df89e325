import { isoFromDay, localDay } from '../calendar/dates.js';

/**
 * A feedback item's code: `PAKN-<YYMMDD>-<NNNN>`, the day it was recorded (Vietnam time) and the day's serial,
 * 4 digits, widened past 9,999 — the same shape as dossier codes (RULES.md §2), so people read it the same way.
 */
export function feedbackCode(at: number, serial: number): string {
  const iso = isoFromDay(localDay(at));
  return `PAKN-${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${String(serial).padStart(4, '0')}`;
}

export const FEEDBACK_CODE = /^PAKN-\d{6}-\d{4,}$/;
