import type { Kysely } from 'kysely';
import { fullNames } from '../auth/store.js';
import { agencyBriefs, findAgency } from '../catalog/agency-store.js';
import type { Database } from '../db/schema.js';
import { type Means, mean1, satisfactionRate, staffScore, unitScore } from './bands.js';
import { type AggregateLevel, INDICATORS } from './model.js';
import { aggregateRatings } from './store.js';

export interface SummaryRow {
  agency: string;
  agencyName: string;
  unit: string | null;
  unitName: string | null;
  officer: number | null;
  officerName: string | null;
  ratings: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  /** Very satisfied or satisfied, percent to one decimal. */
  satisfactionRate: number | null;
  means: Means;
  /** Units and agencies: the nine indicators; officers: indicators 1, 2, 3, 4, 7 (RULES.md §8). */
  score: number | null;
  band: string | null;
}

/**
 * Aggregates for a year or a quarter, per agency, unit or officer, from the ratings and the indicators their
 * dossiers' event logs gave: counts of the quick levels, the satisfaction rate, each indicator's mean and the
 * score with its band.
 */
export async function ratingSummary(
  db: Kysely<Database>,
  query: { level: AggregateLevel; year: number; quarter?: number; agency?: string },
): Promise<SummaryRow[]> {
  const rows = await aggregateRatings(db, query);
  const agencyCodes = [...new Set(rows.map((r) => r.agency))];
  const agencyNames = new Map((await agencyBriefs(db, agencyCodes)).map((a) => [a.code, a.name]));
  const unitNames = new Map<string, string>();
  if (query.level === 'unit')
    for (const code of agencyCodes)
      for (const unit of (await findAgency(db, code))?.units ?? [])
        unitNames.set(`${code}|${unit.code}`, unit.name);
  const officerNames =
    query.level === 'officer'
      ? await fullNames(
          db,
          rows.map((r) => r.officer),
        )
      : new Map<number, string>();
  return rows.map((row) => {
    const means = Object.fromEntries(
      INDICATORS.map((i) => [i, mean1(row.sums[i] ?? 0, row.counts[i] ?? 0)]),
    ) as Means;
    const { score, band } = query.level === 'officer' ? staffScore(means) : unitScore(means);
    return {
      agency: row.agency,
      agencyName: agencyNames.get(row.agency) ?? row.agency,
      unit: row.unit,
      unitName: row.unit ? (unitNames.get(`${row.agency}|${row.unit}`) ?? row.unit) : null,
      officer: row.officer,
      officerName: row.officer === null ? null : (officerNames.get(row.officer) ?? null),
      ratings: row.ratings,
      verySatisfied: row.verySatisfied,
      satisfied: row.satisfied,
      notSatisfied: row.notSatisfied,
      satisfactionRate: satisfactionRate(row.verySatisfied + row.satisfied, row.ratings),
      means,
      score,
      band,
    };
  });
}
