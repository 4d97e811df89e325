import { describe, expect, it } from 'vitest';
import { mean1, satisfactionRate, scoreOf, staffBand, unitBand } from './bands.js';
import { INDICATORS } from './model.js';

describe('aggregation rules (Circular 01/2018 art. 14–15; RULES.md §8)', () => {
  it.each([
    [5, 3, 1.7],
    [4, 3, 1.3],
    [29, 20, 1.5],
    [3, 2, 1.5],
    [1, 3, 0.3],
    [0, 4, 0],
    [2, 0, null],
  ])('mean of %i over %i to one decimal, half up → %s', (sum, n, expected) => {
    expect(mean1(sum, n)).toBe(expected);
  });

  it.each([
    [18, 'excellent'],
    [15, 'excellent'],
    [14.9, 'good'],
    [12, 'good'],
    [11.9, 'fair'],
    [9, 'fair'],
    [8.9, 'average'],
    [6, 'average'],
    [5.9, 'weak'],
    [0, 'weak'],
  ] as const)('unit score %s → %s', (score, band) => {
    expect(unitBand(score)).toBe(band);
  });

  it.each([
    [10, 'all_tasks'],
    [5, 'all_tasks'],
    [4.9, 'most_tasks'],
    [3.5, 'most_tasks'],
    [3.4, 'under_70'],
  ] as const)('staff score %s → %s', (score, band) => {
    expect(staffBand(score)).toBe(band);
  });

  it('sums means exactly in tenths, and only when every indicator has answers', () => {
    const means = Object.fromEntries(INDICATORS.map((i) => [i, 1.1])) as Record<
      (typeof INDICATORS)[number],
      number
    >;
    expect(scoreOf(means, INDICATORS)).toBe(9.9);
    expect(scoreOf({ ...means, i6: null }, INDICATORS)).toBeNull();
    expect(scoreOf({ ...means, i6: null }, ['i1', 'i2', 'i3', 'i4', 'i7'])).toBe(5.5);
  });

  it('satisfaction: very satisfied and satisfied over all, percent to one decimal', () => {
    expect(satisfactionRate(2, 3)).toBe(66.7);
    expect(satisfactionRate(86, 100)).toBe(86);
    expect(satisfactionRate(0, 0)).toBeNull();
  });
});
