import { describe, expect, it } from 'vitest';
import { formatVnInstant } from './dates.js';
import { shippedClock as clock, vn } from './test-clock.js';
import { appointmentAfter, timeLimitSchema } from './time-limit.js';

describe('time limits in every unit the catalogue publishes', () => {
  const due = (limit: unknown, received: string) =>
    formatVnInstant(appointmentAfter(clock, timeLimitSchema.parse(limit), vn(received), null, 5));

  it('gives the appointment of a limit in months, hours, days and same day', () => {
    expect(due({ value: 3, unit: 'months' }, '2026-03-31 08:00')).toBe('2026-06-30T17:00:00+07:00');
    expect(due({ value: 8, unit: 'hours' }, '2026-11-23 09:00')).toBe('2026-11-23T17:00:00+07:00');
    expect(due({ value: 10, unit: 'days' }, '2026-11-23 10:00')).toBe('2026-12-03T17:00:00+07:00');
    expect(due({ value: 0, unit: 'same_day', cutoff: '15:00' }, '2026-11-23 15:30')).toBe(
      '2026-11-24T17:00:00+07:00',
    );
  });

  it('refuses a limit in months that is not a whole number', () => {
    expect(timeLimitSchema.safeParse({ value: 1.5, unit: 'months' }).success).toBe(false);
    expect(timeLimitSchema.safeParse({ value: 2, unit: 'months' }).success).toBe(true);
  });
});
