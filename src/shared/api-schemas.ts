import { z } from 'zod';

export const pagination = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

type Bound = string | (() => string);

/** Today's date in Vietnam (UTC+7), YYYY-MM-DD. */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A date `years` from today in Vietnam (negative: in the past). */
export function yearsFromToday(years: number): () => string {
  return () => {
    const today = vietnamToday();
    return `${String(Number(today.slice(0, 4)) + years).padStart(4, '0')}${today.slice(4)}`;
  };
}

/**
 * A real calendar date (YYYY-MM-DD: no 30 February, no month 13) within the range that is plausible for the
 * field — a birth date is not in the future nor before 1900; an appointment is a few years ahead at most.
 */
export function isoDate(min: Bound, max: Bound) {
  const value = (bound: Bound) => (typeof bound === 'function' ? bound() : bound);
  return z.iso.date().refine((date) => date >= value(min) && date <= value(max), {
    error: () => `Ngày phải từ ${value(min)} đến ${value(max)}`,
  });
}

/** An e-mail address as RFC 5321 bounds it (254 characters). */
export const emailSchema = z.email('Thư điện tử không hợp lệ').max(254);
