import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RatingPart } from './indicators.js';
import {
  type AggregateLevel,
  type Answers,
  DEFAULT_RATING_SETTINGS,
  type Points,
  type QuickLevel,
  type RatingSettings,
  ratingSettingsSchema,
} from './model.js';

type Json<T> = ColumnType<T, string, string>;
type Time = ColumnType<Date, Date | string, Date | string>;

/** This module's tables (migration 051), typed here: no other module reads them. */
type RatingTables = {
  ratings: {
    id: Generated<number>;
    dossier_code: string;
    channel: 'online' | 'paper';
    quick: QuickLevel;
    reason: string | null;
    i1: Points | null;
    i3: Points | null;
    i4: Points | null;
    i5: Points | null;
    i6: Points | null;
    i7: Points | null;
    i8: Points | null;
    i9: Points | null;
    returned_at: Time;
    period_year: number;
    period_quarter: number;
    entered_by: number | null;
    first_rated_at: Time;
    updated_at: Time;
    changes: Generated<number>;
  };
  rating_parts: {
    rating_id: number;
    level: AggregateLevel;
    agency_code: string;
    unit_code: string | null;
    officer_id: number | null;
    i2: Points | null;
  };
  rating_publications: {
    period_year: number;
    period_quarter: number;
    rows: Json<unknown[]>;
    published_by: number;
    published_at: ColumnType<Date, Date | undefined, never>;
  };
  rating_settings: {
    id: number;
    settings: Json<RatingSettings>;
    updated_by: number | null;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
};

type Db = Kysely<Database>;
const own = (db: Db) => db.withTables<RatingTables>();

export async function findRating(db: Db, dossierCode: string) {
  return own(db).selectFrom('ratings').selectAll().where('dossier_code', '=', dossierCode).executeTakeFirst();
}

export interface NewRating {
  dossierCode: string;
  channel: 'online' | 'paper';
  quick: QuickLevel;
  reason: string | null;
  computed: { i1: Points | null; i3: Points | null; i4: Points | null };
  answers: Answers;
  returnedAt: Date;
  period: { year: number; quarter: number };
  enteredBy: number | null;
  at: Date;
}

/** Inserts a dossier's rating and its parts; null when the dossier has a rating already (one per dossier). */
export async function insertRating(db: Db, rating: NewRating, parts: RatingPart[]): Promise<number | null> {
  const row = await own(db)
    .insertInto('ratings')
    .values({
      dossier_code: rating.dossierCode,
      channel: rating.channel,
      quick: rating.quick,
      reason: rating.reason,
      ...rating.computed,
      i5: rating.answers.i5 ?? null,
      i6: rating.answers.i6 ?? null,
      i7: rating.answers.i7 ?? null,
      i8: rating.answers.i8 ?? null,
      i9: rating.answers.i9 ?? null,
      returned_at: rating.returnedAt,
      period_year: rating.period.year,
      period_quarter: rating.period.quarter,
      entered_by: rating.enteredBy,
      first_rated_at: rating.at,
      updated_at: rating.at,
    })
    .onConflict((oc) => oc.column('dossier_code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  if (parts.length > 0)
    await own(db)
      .insertInto('rating_parts')
      .values(
        parts.map((p) => ({
          rating_id: row.id,
          level: p.level,
          agency_code: p.agencyCode,
          unit_code: p.unitCode,
          officer_id: p.officerId,
          i2: p.i2,
        })),
      )
      .execute();
  return row.id;
}

/** The respondent changes their answers (the indicators computed from the log stay as they were). */
export async function updateRatingAnswers(
  db: Db,
  id: number,
  change: { quick: QuickLevel; reason: string | null; answers: Answers; at: Date },
): Promise<void> {
  await own(db)
    .updateTable('ratings')
    .set({
      quick: change.quick,
      reason: change.reason,
      i5: change.answers.i5 ?? null,
      i6: change.answers.i6 ?? null,
      i7: change.answers.i7 ?? null,
      i8: change.answers.i8 ?? null,
      i9: change.answers.i9 ?? null,
      updated_at: change.at,
      changes: sql`changes + 1`,
    })
    .where('id', '=', id)
    .execute();
}

export interface AggregateRow {
  agency: string;
  unit: string | null;
  officer: number | null;
  ratings: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  /** Per indicator: the sum of points and how many ratings have it. */
  sums: Record<string, number>;
  counts: Record<string, number>;
}

const RATING_COLUMNS = ['i1', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9'] as const;

/**
 * Sums and counts per agency, unit or officer for a year or one of its quarters: each rating counts once for
 * every part it has at that level. Only totals leave the database — never a rating with its dossier.
 */
export async function aggregateRatings(
  db: Db,
  query: { level: AggregateLevel; year: number; quarter?: number; agency?: string },
): Promise<AggregateRow[]> {
  const indicatorSums = RATING_COLUMNS.flatMap((c) => [
    sql<number>`coalesce(sum(r.${sql.ref(c)}), 0)::int`.as(`sum_${c}`),
    sql<number>`count(r.${sql.ref(c)})::int`.as(`n_${c}`),
  ]);
  let select = own(db)
    .selectFrom('rating_parts as p')
    .innerJoin('ratings as r', 'r.id', 'p.rating_id')
    .where('p.level', '=', query.level)
    .where('r.period_year', '=', query.year);
  if (query.quarter) select = select.where('r.period_quarter', '=', query.quarter);
  if (query.agency) select = select.where('p.agency_code', '=', query.agency);
  const rows = await select
    .select([
      'p.agency_code',
      'p.unit_code',
      'p.officer_id',
      sql<number>`count(*)::int`.as('ratings'),
      sql<number>`count(*) FILTER (WHERE r.quick = 'very_satisfied')::int`.as('very_satisfied'),
      sql<number>`count(*) FILTER (WHERE r.quick = 'satisfied')::int`.as('satisfied'),
      sql<number>`count(*) FILTER (WHERE r.quick = 'not_satisfied')::int`.as('not_satisfied'),
      sql<number>`coalesce(sum(p.i2), 0)::int`.as('sum_i2'),
      sql<number>`count(p.i2)::int`.as('n_i2'),
      ...indicatorSums,
    ])
    .groupBy(['p.agency_code', 'p.unit_code', 'p.officer_id'])
    .orderBy('p.agency_code')
    .orderBy('p.unit_code')
    .orderBy('p.officer_id')
    .execute();
  return rows.map((row) => {
    const record = row as unknown as Record<string, number>;
    const sums: Record<string, number> = { i2: record.sum_i2 ?? 0 };
    const counts: Record<string, number> = { i2: record.n_i2 ?? 0 };
    for (const c of RATING_COLUMNS) {
      sums[c] = record[`sum_${c}`] ?? 0;
      counts[c] = record[`n_${c}`] ?? 0;
    }
    return {
      agency: row.agency_code,
      unit: row.unit_code,
      officer: row.officer_id,
      ratings: row.ratings,
      verySatisfied: row.very_satisfied,
      satisfied: row.satisfied,
      notSatisfied: row.not_satisfied,
      sums,
      counts,
    };
  });
}

export async function savePublication(
  db: Db,
  period: { year: number; quarter: number },
  rows: unknown[],
  userId: number,
): Promise<boolean> {
  const row = await own(db)
    .insertInto('rating_publications')
    .values({
      period_year: period.year,
      period_quarter: period.quarter,
      rows: JSON.stringify(rows),
      published_by: userId,
    })
    .onConflict((oc) => oc.columns(['period_year', 'period_quarter']).doNothing())
    .returning('period_quarter')
    .executeTakeFirst();
  return row !== undefined;
}

export async function publications(db: Db, year: number) {
  return own(db)
    .selectFrom('rating_publications')
    .select(['period_year', 'period_quarter', 'rows', 'published_at'])
    .where('period_year', '=', year)
    .orderBy('period_quarter')
    .execute();
}

export async function readRatingSettings(db: Db): Promise<RatingSettings> {
  const row = await own(db)
    .selectFrom('rating_settings')
    .select('settings')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row
    ? ratingSettingsSchema.parse({ ...DEFAULT_RATING_SETTINGS, ...row.settings })
    : DEFAULT_RATING_SETTINGS;
}

export async function saveRatingSettings(db: Db, settings: RatingSettings, userId: number): Promise<void> {
  const values = { settings: JSON.stringify(settings), updated_by: userId, updated_at: new Date() };
  await own(db)
    .insertInto('rating_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
