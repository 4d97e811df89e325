import { VN_OFFSET_MS } from '../../calendar/dates.js';

/** The national portal's date form: yyyyMMddHHmmss in Vietnam time (RULES.md §2). */
const PORTAL_DATE = /^\d{14}$/;

export function portalDate(instant: number): string {
  const local = new Date(instant + VN_OFFSET_MS).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}

/** The instant a portal date stands for, or null when it is not a real date in that form. */
export function parsePortalDate(text: string): number | null {
  if (!PORTAL_DATE.test(text)) return null;
  const [year, month, day, hour, minute, second] = [
    text.slice(0, 4),
    text.slice(4, 6),
    text.slice(6, 8),
    text.slice(8, 10),
    text.slice(10, 12),
    text.slice(12, 14),
  ].map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(utc);
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return real ? utc - VN_OFFSET_MS : null;
}
