import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type DossierState, foldEvents } from './state.js';
import { loadEvents, stateOfRow } from './store.js';
import { verifyEventChains } from './verify-chain.js';

export interface Difference {
  code: string;
  /** `chain`: the event log's hash chain is broken at event `events` (`projection` says how). */
  field: keyof DossierState | 'events' | 'chain';
  projection: unknown;
  events: unknown;
}

export interface VerifyReport {
  checked: number;
  differences: Difference[];
}

/**
 * Folds every dossier's events again and compares the result with the projection, field by field; then walks
 * the event log's hash chain, which catches an event edited together with its projection.
 */
export async function verifyDossiers(
  db: Kysely<Database>,
  onProgress: (done: number) => void = () => undefined,
  batchSize = 500,
): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, differences: [] };
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      lastId = row.id;
      const events = await loadEvents(db, row.id);
      report.checked++;
      if (events.length === 0) {
        report.differences.push({ code: row.code, field: 'events', projection: row.version, events: 0 });
        continue;
      }
      let folded: DossierState;
      try {
        folded = foldEvents(events);
      } catch (error) {
        // An event log that no longer folds (an event removed or changed by hand) is a finding, not a crash.
        report.differences.push({
          code: row.code,
          field: 'events',
          projection: row.version,
          events: (error as Error).message,
        });
        continue;
      }
      const projected = stateOfRow(row);
      for (const field of Object.keys(folded) as (keyof DossierState)[]) {
        if (JSON.stringify(folded[field]) !== JSON.stringify(projected[field])) {
          report.differences.push({
            code: row.code,
            field,
            projection: projected[field],
            events: folded[field],
          });
        }
      }
    }
    onProgress(report.checked);
  }
  for (const link of await verifyEventChains(db))
    report.differences.push({ code: link.code, field: 'chain', projection: link.problem, events: link.seq });
  return report;
}
