import { describe, expect, it } from 'vitest';
import { formatVnInstant, localDay } from './dates.js';
import {
  addWorkingTime,
  dueAfterHours,
  dueAfterMonths,
  dueAfterPause,
  dueAfterRestart,
  dueAfterWorkingDays,
  dueSameDay,
  durationToWorkingMs,
  elapsedWorkingTime,
  intakeDay,
} from './deadline.js';
import { compileOfficeHours, DEFAULT_COMPILED_HOURS } from './office-hours.js';
import { shippedClock as clock, vn } from './test-clock.js';

const HOUR = 3_600_000;
const DAY = DEFAULT_COMPILED_HOURS.dayMs;

function due(received: string, days: number): string {
  return formatVnInstant(dueAfterWorkingDays(clock, vn(received), days));
}

describe('legal periods in working days across every announced break and swap (holidays.json 2024–2026)', () => {
  it.each([
    ['2023-12-29 10:00', 1, '2024-01-02', 'New Year 2024 (Mon 1/1)'],
    ['2024-02-07 10:00', 1, '2024-02-15', 'Tết Giáp Thìn 8–14/2/2024'],
    ['2024-04-17 10:00', 1, '2024-04-19', 'Hùng Kings Thu 18/4/2024'],
    ['2024-04-26 10:00', 1, '2024-05-02', '27/4–1/5/2024 break (Mon 29/4 swapped)'],
    ['2024-04-26 10:00', 3, '2024-05-04', 'make-up Saturday 4/5/2024 counts'],
    ['2024-08-30 10:00', 1, '2024-09-04', 'National Day 31/8–3/9/2024'],
    ['2024-12-31 10:00', 1, '2025-01-02', 'New Year 2025 (Wed 1/1)'],
    ['2025-01-24 09:00', 5, '2025-02-07', 'Tết Ất Tỵ 25/1–2/2/2025'],
    ['2025-04-04 10:00', 1, '2025-04-08', 'Hùng Kings Mon 7/4/2025'],
    ['2025-04-25 10:00', 1, '2025-04-26', 'make-up Saturday 26/4/2025 counts'],
    ['2025-04-25 10:00', 4, '2025-05-05', '30/4–4/5/2025 break (Fri 2/5 swapped)'],
    ['2025-08-29 10:00', 1, '2025-09-03', 'National Day 30/8–2/9/2025'],
    ['2025-12-31 10:00', 1, '2026-01-05', 'New Year 1–4/1/2026 (Fri 2/1 swapped)'],
    ['2026-01-09 10:00', 1, '2026-01-10', 'make-up Saturday 10/1/2026 counts'],
    ['2026-02-13 10:00', 1, '2026-02-23', 'Tết Bính Ngọ 14–22/2/2026'],
    ['2026-04-24 10:00', 1, '2026-04-28', 'Hùng Kings 25–27/4/2026 (compensatory Mon 27/4)'],
    ['2026-04-24 10:00', 3, '2026-05-04', '30/4–3/5/2026'],
    ['2026-08-21 10:00', 1, '2026-08-22', 'make-up Saturday 22/8/2026 counts'],
    ['2026-08-28 10:00', 1, '2026-09-03', 'National Day 29/8–2/9/2026 (Mon 31/8 swapped)'],
  ])('received %s + %i working days → %s (%s)', (received, days, expected) => {
    expect(due(received, days)).toBe(`${expected}T17:00:00+07:00`);
  });

  it('reports the schedule source per year', () => {
    expect(clock.calendar.source(2025)).toBe('announced');
    expect(clock.calendar.source(2027)).toBe('statutory');
  });
});

describe('statutory years (no announcement): Labour Code art. 112 with compensatory days (art. 111.3)', () => {
  it('derives 2027: Tết on Sat 6/2 gives compensatory Wed 10/2 and Thu 11/2', () => {
    const off = clock.calendar
      .exceptions(2027)
      .filter((e) => !e.working)
      .map((e) => e.date);
    expect(off).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-01',
      '2027-09-02',
    ]);
    expect(due('2027-02-04 10:00', 1)).toBe('2027-02-12T17:00:00+07:00');
    expect(due('2027-04-29 10:00', 1)).toBe('2027-05-04T17:00:00+07:00');
  });

  it('takes 3/9 beside National Day when 1/9 is a Sunday (2030: 2/9 Monday)', () => {
    const off = clock.calendar.exceptions(2030).filter((e) => e.date.startsWith('2030-09'));
    expect(off.map((e) => e.date)).toEqual(['2030-09-02', '2030-09-03']);
  });
});

describe('intake day and office hours', () => {
  it('does not count the intake day and ends at the close of office hours', () => {
    expect(due('2026-11-23 09:12', 5)).toBe('2026-11-30T17:00:00+07:00');
  });
  it('moves a filing after the close of office hours to the next working day', () => {
    expect(due('2026-11-23 18:00', 5)).toBe('2026-12-01T17:00:00+07:00');
    expect(due('2026-11-23 17:00', 5)).toBe('2026-11-30T17:00:00+07:00');
  });
  it('keeps a filing before opening on its own working day', () => {
    expect(due('2026-11-23 06:00', 5)).toBe('2026-11-30T17:00:00+07:00');
  });
  it('moves a weekend filing to Monday', () => {
    expect(due('2026-11-22 10:00', 5)).toBe('2026-11-30T17:00:00+07:00');
    expect(localDay(vn('2026-11-21 10:00'))).toBeLessThan(intakeDay(clock, vn('2026-11-21 10:00')));
  });
  it('rejects a fractional or zero legal period', () => {
    expect(() => dueAfterWorkingDays(clock, vn('2026-11-23 09:00'), 0)).toThrow(RangeError);
    expect(() => dueAfterWorkingDays(clock, vn('2026-11-23 09:00'), 1.5)).toThrow(RangeError);
  });
});

describe('same-day procedures with the 15:00 cut-off', () => {
  it.each([
    ['2026-11-23 14:59', '2026-11-23T17:00:00+07:00'],
    ['2026-11-23 15:00', '2026-11-23T17:00:00+07:00'],
    ['2026-11-23 15:01', '2026-11-24T17:00:00+07:00'],
    ['2026-11-21 09:00', '2026-11-23T17:00:00+07:00'],
    ['2026-04-24 16:00', '2026-04-28T17:00:00+07:00'],
  ])('received %s → due %s', (received, expected) => {
    expect(formatVnInstant(dueSameDay(clock, vn(received)))).toBe(expected);
  });
});

describe('step budgets in fractions of a day and in hours', () => {
  it('adds hours within office hours, across the lunch break and the weekend', () => {
    expect(formatVnInstant(addWorkingTime(clock, vn('2026-11-23 10:00'), 4 * HOUR))).toBe(
      '2026-11-23T15:30:00+07:00',
    );
    expect(formatVnInstant(addWorkingTime(clock, vn('2026-11-27 16:00'), 4 * HOUR))).toBe(
      '2026-11-30T10:00:00+07:00',
    );
    expect(formatVnInstant(addWorkingTime(clock, vn('2026-11-21 09:00'), 1 * HOUR))).toBe(
      '2026-11-23T08:00:00+07:00',
    );
  });
  it('lays half a day over the office day and ends a whole day at the close', () => {
    const half = durationToWorkingMs(DEFAULT_COMPILED_HOURS, { value: 0.5, unit: 'working_days' });
    expect(formatVnInstant(addWorkingTime(clock, vn('2026-11-23 07:00'), half))).toBe(
      '2026-11-23T11:15:00+07:00',
    );
    expect(formatVnInstant(addWorkingTime(clock, vn('2026-11-23 07:00'), DAY))).toBe(
      '2026-11-23T17:00:00+07:00',
    );
  });
  it('turns hours into days when the process states its hours per day (Nghệ An: 1 day = 8 h)', () => {
    const hours = compileOfficeHours({
      sessions: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:30' },
      ],
      cutoff: '15:00',
    });
    expect(durationToWorkingMs(hours, { value: 112, unit: 'working_hours' }, 8)).toBe(14 * hours.dayMs);
    expect(durationToWorkingMs(DEFAULT_COMPILED_HOURS, { value: 4, unit: 'working_hours' }, 8)).toBe(DAY / 2);
    expect(durationToWorkingMs(DEFAULT_COMPILED_HOURS, { value: 4, unit: 'working_hours' })).toBe(4 * HOUR);
  });
  it('measures elapsed working time excluding nights, weekends and holidays', () => {
    expect(elapsedWorkingTime(clock, vn('2026-02-13 16:00'), vn('2026-02-23 08:00'))).toBe(2 * HOUR);
    expect(elapsedWorkingTime(clock, vn('2026-11-23 12:00'), vn('2026-11-23 12:45'))).toBe(0);
  });
});

describe('supplements: pause and restart', () => {
  it('pause: the due instant moves by exactly the paused working time', () => {
    const original = dueAfterWorkingDays(clock, vn('2026-11-23 09:00'), 5);
    const moved = dueAfterPause(clock, original, vn('2026-11-24 09:00'), vn('2026-11-26 09:00'));
    expect(formatVnInstant(moved)).toBe('2026-12-02T17:00:00+07:00');
  });
  it('restart: the time limit counts from zero when the complete dossier arrives', () => {
    expect(formatVnInstant(dueAfterRestart(clock, vn('2026-12-02 14:00'), 5))).toBe(
      '2026-12-09T17:00:00+07:00',
    );
    expect(formatVnInstant(dueAfterRestart(clock, vn('2026-12-02 16:00'), 0))).toBe(
      '2026-12-03T17:00:00+07:00',
    );
  });
});

describe('reading instants', () => {
  it('refuses dates that do not exist and accepts local and offset forms', async () => {
    const { parseInstant } = await import('./dates.js');
    expect(parseInstant('2026-02-30T09:00')).toBeNull();
    expect(parseInstant('2026-13-01')).toBeNull();
    expect(parseInstant('23/11/2026')).toBeNull();
    expect(parseInstant('2026-11-23T09:00')).toBe(Date.parse('2026-11-23T02:00:00Z'));
    expect(parseInstant('2026-11-23T02:00:00Z')).toBe(Date.parse('2026-11-23T02:00:00Z'));
    expect(parseInstant('2026-11-23')).toBe(Date.parse('2026-11-22T17:00:00Z'));
  });
});

describe('elapsed working time excluding pauses', () => {
  it('leaves out the time the dossier waited for the applicant, overlapping pauses once', async () => {
    const { elapsedExcludingPauses } = await import('./deadline.js');
    const from = vn('2026-11-23 07:00');
    const to = vn('2026-11-27 17:00');
    expect(elapsedExcludingPauses(clock, from, to, [])).toBe(5 * DAY);
    const pauses = [
      { from: vn('2026-11-24 07:00'), to: vn('2026-11-25 17:00') },
      { from: vn('2026-11-25 07:00'), to: vn('2026-11-26 07:00') },
      { from: vn('2026-11-20 07:00'), to: vn('2026-11-23 11:30') },
    ];
    expect(elapsedExcludingPauses(clock, from, to, pauses)).toBe(3 * DAY - 4.5 * HOUR);
  });
});

describe('calendar-day limits and the previous working day', () => {
  it('ends a calendar-day period on the next working day when it falls on a day off', async () => {
    const { dueAfterCalendarDays } = await import('./deadline.js');
    expect(formatVnInstant(dueAfterCalendarDays(clock, vn('2026-11-23 10:00'), 10))).toBe(
      '2026-12-03T17:00:00+07:00',
    );
    expect(formatVnInstant(dueAfterCalendarDays(clock, vn('2026-11-23 10:00'), 12))).toBe(
      '2026-12-07T17:00:00+07:00',
    );
    expect(formatVnInstant(dueAfterCalendarDays(clock, vn('2026-02-10 10:00'), 5))).toBe(
      '2026-02-23T17:00:00+07:00',
    );
  });
  it('finds the working day before a day, skipping weekends and Tết', async () => {
    const { dayFromIso, isoFromDay } = await import('./dates.js');
    expect(isoFromDay(clock.calendar.previousWorkingDay(dayFromIso('2026-11-23')))).toBe('2026-11-20');
    expect(isoFromDay(clock.calendar.previousWorkingDay(dayFromIso('2026-02-23')))).toBe('2026-02-13');
  });
});

describe('limits in months (Civil Code 2015 art. 147–148)', () => {
  it.each([
    ['2025-03-31 10:00', 3, '2025-06-30', 'no 31 June: the last day of the month (art. 148.3)'],
    ['2025-01-31 10:00', 1, '2025-03-03', 'filed during Tết Ất Tỵ 25/1–2/2/2025: received Monday 3/2'],
    ['2024-01-31 10:00', 1, '2024-02-29', 'leap year: 29 February 2024'],
    ['2024-02-29 10:00', 12, '2025-02-28', 'twelve months from 29 February'],
    ['2025-06-30 09:00', 3, '2025-09-30', 'the same day number three months on'],
    [
      '2025-08-01 10:00',
      1,
      '2025-09-03',
      'ends on 1/9/2025, inside the National Day break 30/8–2/9 (art. 148.5)',
    ],
    ['2026-01-16 10:00', 1, '2026-02-23', 'ends on 16/2/2026, inside Tết Bính Ngọ 14–22/2 (art. 148.5)'],
    ['2025-03-15 10:00', 1, '2025-04-17', 'filed on Saturday 15/3: received Monday 17/3'],
    ['2025-12-31 17:30', 1, '2026-02-05', 'filed after closing on 31/12: received Monday 5/1/2026'],
    ['2026-03-31 08:00', 6, '2026-09-30', 'six months, 30 September has no 31st'],
  ])('received %s + %i months → %s (%s)', (received, months, expected) => {
    expect(formatVnInstant(dueAfterMonths(clock, vn(received), months))).toBe(`${expected}T17:00:00+07:00`);
  });

  it('refuses a period that is not a whole number of months', () => {
    expect(() => dueAfterMonths(clock, vn('2025-06-30 09:00'), 0)).toThrow(RangeError);
    expect(() => dueAfterMonths(clock, vn('2025-06-30 09:00'), 1.5)).toThrow(RangeError);
  });
});

describe('limits in hours as published (Civil Code 2015 art. 147.1)', () => {
  it('counts from the moment of receipt and ends at the next opening when the office is closed', () => {
    const at = (received: string, hours: number) =>
      formatVnInstant(dueAfterHours(clock, vn(received), hours));
    expect(at('2026-11-23 09:00', 8)).toBe('2026-11-23T17:00:00+07:00');
    expect(at('2026-11-23 10:30', 2)).toBe('2026-11-23T13:00:00+07:00');
    expect(at('2026-11-20 10:00', 24)).toBe('2026-11-23T07:00:00+07:00');
    expect(at('2026-02-13 16:00', 24)).toBe('2026-02-23T07:00:00+07:00');
  });
});
