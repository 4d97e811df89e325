import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantAt } from './dates.js';
import {
  addWorkingTime,
  dueAfterPause,
  dueAfterRestart,
  dueAfterWorkingDays,
  elapsedWorkingTime,
  intakeDay,
  isWorkingTime,
} from './deadline.js';
import { shippedClock as clock } from './test-clock.js';

const FROM = Date.parse('2020-01-01T00:00:00+07:00');
const TO = Date.parse('2040-12-31T00:00:00+07:00');
const instant = fc.integer({ min: FROM, max: TO });
const workingMs = fc.integer({ min: 0, max: 60 * clock.hours.dayMs });
const wholeDays = fc.integer({ min: 1, max: 60 });
const runs = { numRuns: 2000 };

describe('deadline arithmetic properties (2020–2040)', () => {
  it('the due instant is always working time', () => {
    fc.assert(
      fc.property(instant, workingMs, wholeDays, (t, d, n) => {
        expect(isWorkingTime(clock, addWorkingTime(clock, t, d))).toBe(true);
        expect(isWorkingTime(clock, dueAfterWorkingDays(clock, t, n))).toBe(true);
      }),
      runs,
    );
  });

  it('adding a then b equals adding a + b (working time and whole working days)', () => {
    fc.assert(
      fc.property(instant, workingMs, workingMs, (t, a, b) => {
        expect(addWorkingTime(clock, addWorkingTime(clock, t, a), b)).toBe(addWorkingTime(clock, t, a + b));
      }),
      runs,
    );
    fc.assert(
      fc.property(instant, wholeDays, wholeDays, (t, a, b) => {
        const stepwise = dueAfterWorkingDays(clock, dueAfterWorkingDays(clock, t, a), b);
        expect(stepwise).toBe(dueAfterWorkingDays(clock, t, a + b));
      }),
      runs,
    );
  });

  it('elapsed(from, add(from, d)) = d', () => {
    fc.assert(
      fc.property(instant, workingMs, (t, d) => {
        expect(elapsedWorkingTime(clock, t, addWorkingTime(clock, t, d))).toBe(d);
      }),
      runs,
    );
  });

  it('more time never gives an earlier due instant, and never one before the start', () => {
    fc.assert(
      fc.property(instant, workingMs, workingMs, (t, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(addWorkingTime(clock, t, small)).toBeLessThanOrEqual(addWorkingTime(clock, t, large));
        expect(addWorkingTime(clock, t, small)).toBeGreaterThanOrEqual(t);
      }),
      runs,
    );
    fc.assert(
      fc.property(instant, wholeDays, wholeDays, (t, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(dueAfterWorkingDays(clock, t, small)).toBeLessThanOrEqual(
          dueAfterWorkingDays(clock, t, large),
        );
        expect(dueAfterWorkingDays(clock, t, small)).toBeGreaterThan(t);
      }),
      runs,
    );
  });

  it('a pause shifts the due instant by exactly the paused working time', () => {
    fc.assert(
      fc.property(instant, wholeDays, workingMs, workingMs, (t, n, offset, length) => {
        const due = dueAfterWorkingDays(clock, t, n);
        const pauseStart = addWorkingTime(clock, t, Math.min(offset, length));
        const pauseEnd = addWorkingTime(clock, pauseStart, length);
        const moved = dueAfterPause(clock, due, pauseStart, pauseEnd);
        expect(elapsedWorkingTime(clock, due, moved)).toBe(elapsedWorkingTime(clock, pauseStart, pauseEnd));
      }),
      runs,
    );
  });

  it('a restart gives the same due instant as a fresh intake at the resume instant', () => {
    fc.assert(
      fc.property(instant, instant, wholeDays, (original, resumed, n) => {
        const restarted = dueAfterRestart(clock, resumed, n);
        expect(restarted).toBe(dueAfterWorkingDays(clock, resumed, n));
        const closeOfIntake = instantAt(intakeDay(clock, resumed), clock.hours.closeMs);
        expect(elapsedWorkingTime(clock, closeOfIntake, restarted)).toBe(n * clock.hours.dayMs);
        expect(restarted === dueAfterWorkingDays(clock, original, n)).toBe(
          intakeDay(clock, original) === intakeDay(clock, resumed),
        );
      }),
      runs,
    );
  });
});
