import { INDICATORS, type Indicator, STAFF_INDICATORS } from './model.js';

/**
 * Aggregation of ratings (Circular 01/2018 art. 14–15; RULES.md §8): each indicator is averaged over the
 * rated dossiers to one decimal; a unit's score is the sum of its nine indicators, an officer's the sum of
 * indicators 1, 2, 3, 4 and 7; the bands follow from the score.
 */

/** sum ÷ n to one decimal, half up, in integers (no binary-fraction surprises such as 1.45 → 1.4). */
export function mean1(sum: number, n: number): number | null {
  if (n === 0) return null;
  return Math.floor((20 * sum + n) / (2 * n)) / 10;
}

export type UnitBand = 'excellent' | 'good' | 'fair' | 'average' | 'weak';
/** ≥ 15 excellent; 12–< 15 good; 9–< 12 fair; 6–< 9 average; < 6 weak. */
export function unitBand(score: number): UnitBand {
  if (score >= 15) return 'excellent';
  if (score >= 12) return 'good';
  if (score >= 9) return 'fair';
  if (score >= 6) return 'average';
  return 'weak';
}

export type StaffBand = 'all_tasks' | 'most_tasks' | 'under_70';
/** ≥ 5: tasks completed 100 %; 3.5–< 5: 70–< 100 %; < 3.5: under 70 %. */
export function staffBand(score: number): StaffBand {
  if (score >= 5) return 'all_tasks';
  if (score >= 3.5) return 'most_tasks';
  return 'under_70';
}

export type Means = Record<Indicator, number | null>;

/** The sum of the given indicators' means to one decimal; null unless every one of them has answers. */
export function scoreOf(means: Means, indicators: readonly Indicator[]): number | null {
  let tenths = 0;
  for (const indicator of indicators) {
    const value = means[indicator];
    if (value === null) return null;
    tenths += Math.round(value * 10);
  }
  return tenths / 10;
}

export function unitScore(means: Means): { score: number | null; band: UnitBand | null } {
  const score = scoreOf(means, INDICATORS);
  return { score, band: score === null ? null : unitBand(score) };
}

export function staffScore(means: Means): { score: number | null; band: StaffBand | null } {
  const score = scoreOf(means, STAFF_INDICATORS);
  return { score, band: score === null ? null : staffBand(score) };
}

/** Share of respondents very satisfied or satisfied, in percent to one decimal (the plans' target: ≥ 86 %). */
export function satisfactionRate(satisfied: number, total: number): number | null {
  return mean1(100 * satisfied, total);
}

export const SATISFACTION_TARGET = 86;
