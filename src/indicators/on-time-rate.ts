import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';

export interface OnTimeQuery {
  from: string;
  to: string;
  agency?: string;
}

/**
 * On-time rate per handling agency for dossiers finished in a period (dates in Vietnam time): early and
 * on-time dossiers over all finished ones, as fixed when each dossier finished (RULES.md §5). A controller
 * sees every agency; another officer only their own.
 */
export async function onTimeRate(db: Kysely<Database>, actor: Actor, query: OnTimeQuery) {
  if (actor.role === 'citizen') throw new AppError('FORBIDDEN', 'Chỉ cán bộ được xem chỉ số.');
  const agency = actor.role === 'controller' ? query.agency : (actor.agencyCode ?? '');
  let select = db
    .selectFrom('dossiers as d')
    .innerJoin('agencies as a', 'a.code', 'd.handling_agency')
    .where('d.timeliness', 'is not', null)
    .where('d.finished_at', '>=', sql<Date>`${query.from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`)
    .where(
      'd.finished_at',
      '<',
      sql<Date>`(${query.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    );
  if (agency) select = select.where('d.handling_agency', '=', agency);
  const rows = await select
    .select([
      'd.handling_agency as agency',
      'a.name',
      sql<number>`count(*)`.as('finished'),
      sql<number>`count(*) FILTER (WHERE d.timeliness IN ('early', 'on_time'))`.as('onTime'),
      sql<number>`count(*) FILTER (WHERE d.timeliness = 'late')`.as('late'),
    ])
    .groupBy(['d.handling_agency', 'a.name'])
    .orderBy('d.handling_agency')
    .execute();
  const items = rows.map((r) => ({
    ...r,
    rate: r.finished === 0 ? null : Math.round((10_000 * r.onTime) / r.finished) / 100,
  }));
  return { items, total: items.length };
}
