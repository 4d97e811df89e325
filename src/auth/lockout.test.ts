import { describe, expect, it } from 'vitest';
import { lockedUntil, secondsLeft } from './lockout.js';

const settings = { lockoutAfter: 5, lockoutBaseSeconds: 30, lockoutMaxSeconds: 3_600 };
const at = new Date('2026-11-23T02:00:00Z');
const secondsLater = (seconds: number) => new Date(at.getTime() + seconds * 1_000);

describe('lockout with backoff', () => {
  it('does not lock before the threshold', () => {
    for (const failures of [0, 1, 2, 3, 4]) expect(lockedUntil(failures, at, settings)).toBeNull();
  });

  it('locks at the threshold and doubles with every further failure', () => {
    expect(lockedUntil(5, at, settings)).toEqual(secondsLater(30));
    expect(lockedUntil(6, at, settings)).toEqual(secondsLater(60));
    expect(lockedUntil(7, at, settings)).toEqual(secondsLater(120));
    expect(lockedUntil(11, at, settings)).toEqual(secondsLater(1_920));
  });

  it('never locks longer than the maximum, however many failures', () => {
    expect(lockedUntil(12, at, settings)).toEqual(secondsLater(3_600));
    expect(lockedUntil(1_000_000, at, settings)).toEqual(secondsLater(3_600));
  });

  it('counts the seconds left, rounding up and never below one', () => {
    expect(secondsLeft(secondsLater(30), at)).toBe(30);
    expect(secondsLeft(new Date(at.getTime() + 1_200), at)).toBe(2);
    expect(secondsLeft(at, at)).toBe(1);
    expect(secondsLeft(secondsLater(-5), at)).toBe(1);
  });
});
