import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuditEntry } from './model.js';

/** One statement for a batch; the chain trigger (migration 061) sets the day and the hashes row by row. */
export async function insertAuditEntries(
  db: Kysely<Database>,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_trail')
    .values(
      entries.map((entry) => ({
        actor_id: entry.actor.id,
        actor_role: entry.actor.role,
        actor_agency: entry.actor.agencyCode,
        kind: entry.kind,
        purpose: entry.purpose,
        dossier_code: entry.dossierCode,
        request_id: entry.requestId,
        detail: JSON.stringify(entry.detail),
      })),
    )
    .execute();
}

/** Officers' reads of one dossier, newest first (what the applicant is shown: agency, role and time). */
export async function officerReadsOf(db: Kysely<Database>, dossierCode: string) {
  return db
    .selectFrom('audit_trail')
    .select(['at', 'actor_role', 'actor_agency', 'purpose'])
    .where('dossier_code', '=', dossierCode)
    .where('kind', '=', 'read')
    .where('actor_role', '!=', 'citizen')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export interface TrailFilter {
  /** Only entries by officers of this agency (a department's or a commune's controller sees only theirs). */
  agency?: string;
  dossier?: string;
  actorId?: number;
  kind?: 'read' | 'change';
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function searchTrail(db: Kysely<Database>, filter: TrailFilter) {
  let query = db.selectFrom('audit_trail');
  if (filter.agency) query = query.where('actor_agency', '=', filter.agency);
  if (filter.dossier) query = query.where('dossier_code', '=', filter.dossier);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.from) query = query.where('day', '>=', filter.from);
  if (filter.to) query = query.where('day', '<=', filter.to);
  const [rows, total] = await Promise.all([
    query
      .select([
        'id',
        'at',
        'actor_id',
        'actor_role',
        'actor_agency',
        'kind',
        'purpose',
        'dossier_code',
        'request_id',
        'detail',
      ])
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export interface BrokenAuditRow {
  id: number;
  day: string;
  problem: 'edited' | 'not_linked' | 'forked';
}

/**
 * Walks each day's chain: every row's hash must be the digest of its content and the previous row's hash,
 * that previous row must exist on the same day, and no two rows may follow the same one. Concurrent writers
 * take turns per day, so the chain follows commit order, not id order.
 */
export async function verifyAuditTrail(db: Kysely<Database>): Promise<BrokenAuditRow[]> {
  const { rows } = await sql<{ id: string; day: string; row_ok: boolean; link_ok: boolean; forked: boolean }>`
    SELECT a.id, a.day::text AS day,
           a.hash = audit_trail_digest(a, a.prev_hash) AS row_ok,
           (a.prev_hash IS NULL OR EXISTS (
              SELECT 1 FROM audit_trail p WHERE p.day = a.day AND p.hash = a.prev_hash AND p.id <> a.id)) AS link_ok,
           count(*) OVER (PARTITION BY a.day, coalesce(a.prev_hash, '\\x'::bytea)) > 1 AS forked
      FROM audit_trail a
  `.execute(db);
  const broken: BrokenAuditRow[] = [];
  for (const row of rows) {
    const base = { id: Number(row.id), day: row.day };
    if (!row.row_ok) broken.push({ ...base, problem: 'edited' });
    else if (!row.link_ok) broken.push({ ...base, problem: 'not_linked' });
    else if (row.forked) broken.push({ ...base, problem: 'forked' });
  }
  return broken.sort((a, b) => a.id - b.id);
}
