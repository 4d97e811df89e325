import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { type ProcessDefinition, type ProcessInput, type Step, stepSchema } from './model.js';

type ProcessRow = Database['processes'] extends infer T ? { [K in keyof T]: unknown } : never;

function toDefinition(row: ProcessRow): ProcessDefinition {
  return {
    id: Number(row.id),
    procedureCode: String(row.procedure_code),
    agencyCode: (row.agency_code as string | null) ?? null,
    version: Number(row.version),
    status: row.status as ProcessDefinition['status'],
    decisionNumber: (row.decision_number as string | null) ?? null,
    effectiveDate: (row.effective_date as string | null) ?? null,
    hoursPerDay: row.hours_per_day === null ? null : Number(row.hours_per_day),
    steps: (row.steps as unknown[]).map((step) => stepSchema.parse(step)) as Step[],
  };
}

/**
 * Saves a new draft version (the next version number for this procedure and agency). Drafts of one procedure
 * are numbered under a transaction-scoped advisory lock, so two authors saving at once get 1 and 2, not a clash.
 */
export function insertDraft(
  db: Kysely<Database>,
  procedureCode: string,
  input: ProcessInput,
): Promise<ProcessDefinition> {
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`process:${procedureCode}:${input.agencyCode ?? ''}`}))`.execute(
      trx,
    );
    const row = await trx
      .insertInto('processes')
      .values({
        procedure_code: procedureCode,
        agency_code: input.agencyCode,
        version: sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM processes
          WHERE procedure_code = ${procedureCode} AND coalesce(agency_code, '') = ${input.agencyCode ?? ''})`,
        status: 'draft',
        hours_per_day: input.hoursPerDay,
        steps: JSON.stringify(input.steps),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDefinition(row);
  });
}

export async function markPublished(
  db: Kysely<Database>,
  id: number,
  decisionNumber: string,
  effectiveDate: string,
): Promise<ProcessDefinition | null> {
  const row = await db
    .updateTable('processes')
    .set({
      status: 'published',
      decision_number: decisionNumber,
      effective_date: effectiveDate,
      published_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
  if (row) await processesChanged(db);
  return row ? toDefinition(row) : null;
}

/** A published version never changes, so it is kept in memory once read. */
const publishedById = new Map<number, ProcessDefinition>();

export async function findProcess(db: Kysely<Database>, id: number): Promise<ProcessDefinition | null> {
  const cached = publishedById.get(id);
  if (cached) return cached;
  const row = await db.selectFrom('processes').selectAll().where('id', '=', id).executeTakeFirst();
  const definition = row ? toDefinition(row) : null;
  if (definition?.status === 'published') publishedById.set(id, definition);
  return definition;
}

/**
 * Which version is in force for a procedure, agency and day, kept in memory (every intake and transfer asks):
 * dropped when a process is drafted or published here or on another server process ("processes" change).
 */
const inForce = new LRUCache<string, { value: ProcessDefinition | null }>({ max: 10_000, ttl: 60_000 });

export function forgetProcesses(): void {
  inForce.clear();
}

async function processesChanged(db: Kysely<Database>): Promise<void> {
  forgetProcesses();
  await announceChange(db, 'processes');
}

/** The version in force on a date: the agency's own process first, else the procedure's general one. */
export async function findProcessInForce(
  db: Kysely<Database>,
  procedureCode: string,
  agencyCode: string,
  today: string,
): Promise<ProcessDefinition | null> {
  const key = `${procedureCode}|${agencyCode}|${today}`;
  const cached = inForce.get(key);
  if (cached) return cached.value;
  const value = await readProcessInForce(db, procedureCode, agencyCode, today);
  inForce.set(key, { value });
  return value;
}

async function readProcessInForce(
  db: Kysely<Database>,
  procedureCode: string,
  agencyCode: string,
  today: string,
): Promise<ProcessDefinition | null> {
  const row = await db
    .selectFrom('processes')
    .selectAll()
    .where('procedure_code', '=', procedureCode)
    .where('status', '=', 'published')
    .where('effective_date', '<=', today)
    .where((eb) => eb.or([eb('agency_code', '=', agencyCode), eb('agency_code', 'is', null)]))
    .orderBy(sql`agency_code IS NULL`)
    .orderBy('effective_date', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toDefinition(row) : null;
}

export async function listProcesses(
  db: Kysely<Database>,
  procedureCode: string,
  includeDrafts: boolean,
): Promise<ProcessDefinition[]> {
  let select = db.selectFrom('processes').selectAll().where('procedure_code', '=', procedureCode);
  if (!includeDrafts) select = select.where('status', '=', 'published');
  const rows = await select.orderBy('agency_code').orderBy('version', 'desc').execute();
  return rows.map(toDefinition);
}

/**
 * Joins dossier rows (`d`) to their current step (`st`) in the process version each follows, from the
 * steps-as-rows table this module keeps, so queues can filter and sort on the step without unpacking JSON.
 */
export function joinCurrentStep(
  query: SelectQueryBuilder<Database & { d: Database['dossiers'] }, 'd', object>,
) {
  return query.leftJoin('process_steps as st', (join) =>
    join.onRef('st.process_id', '=', 'd.process_id').onRef('st.key', '=', 'd.step_key'),
  );
}
