/**
 * Calendar days as integers (days since 1970-01-01 in Vietnam local time) and instants as epoch
 * milliseconds. Vietnam keeps UTC+7 all year (no daylight saving), so local time is a fixed shift.
 */
export const DAY_MS = 86_400_000;
export const VN_OFFSET_MS = 7 * 3_600_000;

export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayFromIso(iso: string): DayNumber {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const day = ms / DAY_MS;
  if (isoFromDay(day) !== iso) throw new RangeError(`not a calendar date: ${iso}`);
  return day;
}

export function dayFromYmd(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function isoFromDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

export function localDay(instant: number): DayNumber {
  return Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
}

export function localMsOfDay(instant: number): number {
  const local = instant + VN_OFFSET_MS;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

export function instantAt(day: DayNumber, msOfDay: number): number {
  return day * DAY_MS + msOfDay - VN_OFFSET_MS;
}

/** Formats an instant as ISO 8601 with the +07:00 offset, to the second. */
export function formatVnInstant(instant: number): string {
  const local = new Date(instant + VN_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+07:00`;
}

/** Parses an ISO instant; a value without an offset is read as Vietnam local time. */
export function parseInstant(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text)) return null;
  try {
    dayFromIso(text.slice(0, 10));
  } catch {
    return null;
  }
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(text);
  const withTime = text.length === 10 ? `${text}T00:00:00` : text;
  const ms = Date.parse(hasOffset ? withTime : `${withTime}+07:00`);
  return Number.isNaN(ms) ? null : ms;
}

export function daysInYear(year: number): number {
  return dayFromYmd(year + 1, 1, 1) - dayFromYmd(year, 1, 1);
}
