import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { agencyBriefs } from '../catalog/agency-store.js';
import type { Database } from '../db/schema.js';
import { type PeriodQuery, timelinessByAgency } from '../dossiers/statistics.js';
import { indicatorAgency } from './policy.js';

/**
 * On-time rate per handling agency for dossiers finished in a period (dates in Vietnam time): early and
 * on-time dossiers over all finished ones, as fixed when each dossier finished (RULES.md §5).
 */
export async function onTimeRate(db: Kysely<Database>, actor: Actor, query: PeriodQuery) {
  const agency = indicatorAgency(actor, query.agency);
  const rows = await timelinessByAgency(db, {
    from: query.from,
    to: query.to,
    ...(agency ? { agency } : {}),
  });
  const names = new Map(
    (
      await agencyBriefs(
        db,
        rows.map((r) => r.agency),
      )
    ).map((a) => [a.code, a.name]),
  );
  const items = rows.map((r) => ({
    ...r,
    name: names.get(r.agency) ?? r.agency,
    rate: r.finished === 0 ? null : Math.round((10_000 * r.onTime) / r.finished) / 100,
  }));
  return { items, total: items.length };
}
