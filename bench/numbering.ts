import type pg from 'pg';
import { dossierCode } from '../src/dossiers/dossier-code.js';

/**
 * Whether a centre's numbers are still gap-free after a run: today's serials are 1..n, each once, and the
 * sequence row says n; this year's logbook numbers likewise (RULES.md §2, §4). The raw twin's rows (codes RAW…)
 * number from a sequence of their own and are left out.
 */
export async function numberingHolds(pool: pg.Pool, centre: string) {
  const now = Date.now();
  const code = dossierCode(centre, now, 0);
  const prefix = code.slice(0, code.lastIndexOf('-') + 1);
  const serials = (
    await pool.query<{ n: number; max: number | null; distinct: number; last: number | null }>(
      `SELECT count(*)::int AS n, max(substring(code from '-([0-9]+)$')::int) AS max,
              count(DISTINCT substring(code from '-([0-9]+)$'))::int AS distinct,
              (SELECT last_value FROM dossier_sequences WHERE agency_code = $1
                 AND day = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS last
       FROM dossiers WHERE code LIKE $2`,
      [centre, `${prefix}%`],
    )
  ).rows[0];
  const logbook = (
    await pool.query<{ n: number; max: number | null; distinct: number; last: number | null }>(
      `SELECT count(*)::int AS n, max(logbook_number) AS max, count(DISTINCT logbook_number)::int AS distinct,
              (SELECT last_value FROM logbook_sequences WHERE agency_code = $1
                 AND year = extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS last
       FROM dossiers WHERE receiving_agency = $1 AND logbook_number IS NOT NULL AND code NOT LIKE 'RAW%'
         AND accepted_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
      [centre],
    )
  ).rows[0];
  const holds = (r: typeof serials) =>
    r !== undefined && r.n === r.distinct && r.n === (r.max ?? 0) && (r.last ?? 0) === (r.max ?? 0);
  const figures = (r: typeof serials) =>
    `${r?.n ?? 0} numbers, ${r?.distinct ?? 0} distinct, highest ${r?.max ?? 0}, sequence at ${r?.last ?? 0}`;
  return {
    serials: figures(serials),
    serialsGapFree: holds(serials),
    logbookNumbers: figures(logbook),
    logbookGapFree: holds(logbook),
  };
}
