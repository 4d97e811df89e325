import { isoFromDay, localDay } from '../calendar/dates.js';

/** The quarter a dossier's rating is compiled in: the quarter (Vietnam time) it was returned. */
export function quarterOf(instant: number): { year: number; quarter: number } {
  const iso = isoFromDay(localDay(instant));
  return { year: Number(iso.slice(0, 4)), quarter: Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1 };
}
