import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export interface PeriodQuery {
  /** First and last day of the period (YYYY-MM-DD, Vietnam time). */
  from: string;
  to: string;
  /** Only this handling agency; all when absent. */
  agency?: string;
}

/**
 * Dossiers finished in a period per handling agency: how many, how many early or on time, how many late,
 * as fixed when each finished (RULES.md §5). The indicators module turns these into rates.
 */
export async function timelinessByAgency(db: Kysely<Database>, query: PeriodQuery) {
  let select = db
    .selectFrom('dossiers as d')
    .where('d.timeliness', 'is not', null)
    .where('d.finished_at', '>=', sql<Date>`${query.from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`)
    .where(
      'd.finished_at',
      '<',
      sql<Date>`(${query.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    );
  if (query.agency) select = select.where('d.handling_agency', '=', query.agency);
  return select
    .select([
      'd.handling_agency as agency',
      sql<number>`count(*)`.as('finished'),
      sql<number>`count(*) FILTER (WHERE d.timeliness IN ('early', 'on_time'))`.as('onTime'),
      sql<number>`count(*) FILTER (WHERE d.timeliness = 'late')`.as('late'),
    ])
    .groupBy('d.handling_agency')
    .orderBy('d.handling_agency')
    .execute();
}
