import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export interface BrokenLink {
  code: string;
  seq: number;
  /** What is wrong at this event: its content no longer matches its hash, or it does not follow the one before. */
  problem: 'edited' | 'not_linked' | 'gap';
}

/**
 * Walks every dossier's hash chain (migration 060): each event's hash must be the digest of its content and
 * the previous event's hash, and the events must number 1, 2, 3… An event edited, deleted or moved, even by
 * the database owner and with the projection edited to match, shows here. (Removing a dossier's latest
 * events leaves a shorter valid chain: SECURITY.md says how the operator anchors the chain heads.)
 */
export async function verifyEventChains(db: Kysely<Database>): Promise<BrokenLink[]> {
  const { rows } = await sql<{
    code: string;
    seq: number;
    row_ok: boolean;
    link_ok: boolean;
    seq_ok: boolean;
  }>`
    SELECT d.code, c.seq, c.row_ok, c.link_ok, c.seq_ok
      FROM (SELECT e.dossier_id, e.seq,
                   e.hash = dossier_event_digest(e, e.prev_hash) AS row_ok,
                   e.prev_hash IS NOT DISTINCT FROM lag(e.hash) OVER w AS link_ok,
                   e.seq = row_number() OVER w AS seq_ok
              FROM dossier_events e
            WINDOW w AS (PARTITION BY e.dossier_id ORDER BY e.seq)) c
      JOIN dossiers d ON d.id = c.dossier_id
     WHERE NOT (c.row_ok AND c.link_ok AND c.seq_ok)
     ORDER BY d.code, c.seq
  `.execute(db);
  const broken: BrokenLink[] = [];
  for (const row of rows) {
    if (!row.row_ok) broken.push({ code: row.code, seq: row.seq, problem: 'edited' });
    else if (!row.seq_ok) broken.push({ code: row.code, seq: row.seq, problem: 'gap' });
    else if (!row.link_ok) broken.push({ code: row.code, seq: row.seq, problem: 'not_linked' });
  }
  return broken;
}
