import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

const options = { baseMs: 1_000, maxMs: 600_000 };

describe('retry delay', () => {
  it('doubles from the base after each failed attempt, between half and all of the step', () => {
    expect(retryDelayMs(1, options, () => 1)).toBe(1_000);
    expect(retryDelayMs(2, options, () => 1)).toBe(2_000);
    expect(retryDelayMs(4, options, () => 1)).toBe(8_000);
    expect(retryDelayMs(4, options, () => 0)).toBe(4_000);
  });

  it('never exceeds the cap, even after very many attempts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const delay = retryDelayMs(n, options, () => r);
        return delay >= options.baseMs / 2 && delay <= options.maxMs && Number.isFinite(delay);
      }),
    );
  });
});
