import { type Kysely, sql } from 'kysely';
import { preparedRows } from '../db/prepared.js';
import type { Database } from '../db/schema.js';
import { type DossierEvent, dossierEventSchema } from './events.js';
import { NATIONAL_STATUS } from './model.js';
import type { DossierState } from './state.js';

type Tx = Kysely<Database>;

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export function projectionValues(state: DossierState) {
  return {
    channel: state.channel,
    status: state.status,
    national_status: NATIONAL_STATUS[state.status],
    receiving_agency: state.receivingAgency,
    handling_agency: state.handlingAgency,
    process_id: state.processId,
    step_key: state.stepKey,
    step_due_at: date(state.stepDueAt),
    assignee_id: state.assigneeId,
    submitted_at: new Date(state.submittedAt),
    accepted_at: date(state.acceptedAt),
    due_at: date(state.dueAt),
    original_due_at: date(state.originalDueAt),
    apology_count: state.apologyCount,
    paused_since: date(state.pausedSince),
    paused_ms: state.pausedMs,
    supplement_count: state.supplementCount,
    supplement_phase: state.supplementPhase,
    signed: state.signed,
    finished_at: date(state.finishedAt),
    outcome: state.outcome,
    returned_at: date(state.returnedAt),
    return_method: state.returnMethod,
    timeliness: state.timeliness,
    agencies_seen: state.agenciesSeen,
    procedure_version_id: state.procedureVersionId,
    owner_id: state.ownerId,
    version: state.version,
  };
}

export interface NewDossier {
  procedureCode: string;
  applicant: Record<string, unknown>;
  applicantIdNumber: string;
  applicantSearch: string;
  representative: Record<string, unknown> | null;
  formData: Record<string, unknown>;
  documents: unknown[];
}

/** SQL type of each dossier_events column, in insertion order (for statements that take parameters per column). */
export const EVENT_COLUMN_TYPES = {
  dossier_id: 'bigint',
  seq: 'int',
  action: 'text',
  actor_id: 'int',
  actor_role: 'text',
  actor_agency: 'text',
  agency_code: 'text',
  from_step: 'text',
  to_step: 'text',
  from_status: 'text',
  to_status: 'text',
  note: 'text',
  payload: 'jsonb',
  at: 'timestamptz',
} as const;

export const EVENT_COLUMNS = Object.keys(EVENT_COLUMN_TYPES) as (keyof typeof EVENT_COLUMN_TYPES)[];

/** The one mapping from an event to its dossier_events row, shared by every writer (API, CTE, bulk COPY). */
export function eventValues(dossierId: number, event: DossierEvent) {
  return {
    dossier_id: dossierId,
    seq: event.seq,
    action: event.action,
    actor_id: event.actorId,
    actor_role: event.actorRole,
    actor_agency: event.actorAgency,
    agency_code: event.agencyCode,
    from_step: event.fromStep,
    to_step: event.toStep,
    from_status: event.fromStatus,
    to_status: event.toStatus,
    note: event.note,
    payload: JSON.stringify(event.payload),
    at: new Date(event.at),
  };
}

/** A person's dossiers that no account owns (received at a counter or by post), oldest first. */
export async function unclaimedDossiersOf(db: Tx, idNumber: string, limit: number) {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('applicant_id_number', '=', idNumber)
    .where('owner_id', 'is', null)
    .where(sql<boolean>`applicant->>'kind' = 'person'`)
    .orderBy('submitted_at')
    .limit(limit)
    .execute();
}

/** A dossier by its code: the hottest read of all (every page, action and tracking), so a prepared statement. */
export async function findDossierRow(db: Tx, code: string) {
  const [row] = await preparedRows(
    db,
    'dossier_by_code',
    db.selectFrom('dossiers').selectAll().where('code', '=', code),
  );
  return row;
}

export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossierRow>>>;

/** The columns of a dossier a list shows (dossierSummaryView), for a query over `dossiers as d`. */
export const SUMMARY_COLUMNS = [
  'd.id',
  'd.code',
  'd.procedure_code',
  'd.procedure_version_id',
  'd.status',
  'd.national_status',
  'd.channel',
  'd.receiving_agency',
  'd.handling_agency',
  'd.step_key',
  'd.step_due_at',
  'd.assignee_id',
  'd.submitted_at',
  'd.accepted_at',
  'd.due_at',
  'd.original_due_at',
  'd.finished_at',
  'd.returned_at',
  'd.outcome',
  'd.apology_count',
  'd.timeliness',
  'd.logbook_number',
  'd.version',
] as const;

/** The applicant's name out of the applicant's details, read in the database so the details stay there. */
export const applicantNameColumn = sql<string>`coalesce(d.applicant->>'fullName', '')`.as('applicant_name');

type SummaryColumn = (typeof SUMMARY_COLUMNS)[number] extends `d.${infer C}` ? C : never;
export type DossierSummaryRow = Pick<DossierRow, SummaryColumn> & { applicant_name: string };

const ms = (value: Date | null) => (value === null ? null : value.getTime());

/** Reads the projection back into the state the transition function works on. */
export function stateOfRow(row: DossierRow): DossierState {
  return {
    channel: row.channel as DossierState['channel'],
    status: row.status as DossierState['status'],
    receivingAgency: row.receiving_agency,
    handlingAgency: row.handling_agency,
    processId: row.process_id,
    stepKey: row.step_key,
    stepDueAt: ms(row.step_due_at),
    assigneeId: row.assignee_id,
    submittedAt: row.submitted_at.getTime(),
    acceptedAt: ms(row.accepted_at),
    dueAt: ms(row.due_at),
    originalDueAt: ms(row.original_due_at),
    apologyCount: row.apology_count,
    pausedSince: ms(row.paused_since),
    pausedMs: Number(row.paused_ms),
    supplementPhase: row.supplement_phase as DossierState['supplementPhase'],
    supplementCount: row.supplement_count,
    signed: row.signed,
    finishedAt: ms(row.finished_at),
    outcome: row.outcome as DossierState['outcome'],
    returnedAt: ms(row.returned_at),
    returnMethod: row.return_method,
    timeliness: row.timeliness as DossierState['timeliness'],
    agenciesSeen: row.agencies_seen,
    procedureVersionId: row.procedure_version_id,
    ownerId: row.owner_id,
    version: row.version,
  };
}

export async function loadEvents(db: Tx, dossierId: number): Promise<DossierEvent[]> {
  const rows = await db
    .selectFrom('dossier_events')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('seq')
    .execute();
  return rows.map(eventOfRow);
}

/** A stored event, parsed through the event schema: a row that does not fit is an error, never coerced. */
export function eventOfRow(row: {
  seq: number;
  action: string;
  at: Date;
  actor_id: number | null;
  actor_role: string | null;
  actor_agency: string | null;
  agency_code: string;
  from_step: string | null;
  to_step: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  payload: unknown;
}): DossierEvent {
  return dossierEventSchema.parse({
    seq: row.seq,
    action: row.action,
    at: row.at.getTime(),
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorAgency: row.actor_agency,
    agencyCode: row.agency_code,
    fromStep: row.from_step,
    toStep: row.to_step,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
    payload: row.payload,
  });
}

/**
 * A dossier with its open consultations (all of them, and those addressed to one agency), in one query: what an
 * action needs to be decided.
 */
export async function findDossierForAction(db: Tx, code: string): Promise<DossierForAction | undefined> {
  const row = await db
    .selectFrom('dossiers as d')
    .selectAll('d')
    .select(
      sql<string[]>`ARRAY(SELECT c.agency_code FROM dossier_consultations c
        WHERE c.dossier_id = d.id AND c.answered_at IS NULL ORDER BY c.id)`.as('open_consultation_agencies'),
    )
    .where('d.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const { open_consultation_agencies, ...dossier } = row;
  return { row: dossier as DossierRow, openAgencies: open_consultation_agencies };
}

/** A dossier as an action reads it: the row, and the agencies whose consultation is still open (one per question). */
export interface DossierForAction {
  row: DossierRow;
  openAgencies: string[];
}

/** A receiving agency's logbook for a year (or one month of it): accepted dossiers in logbook order, at most `limit`. */
export async function logbookRows(
  db: Tx,
  agencyCode: string,
  year: number,
  month: number | null,
  limit: number,
) {
  let select = db
    .selectFrom('dossiers')
    .select([
      'logbook_number',
      'code',
      'procedure_version_id',
      'applicant',
      'handling_agency',
      'accepted_at',
      'due_at',
      'returned_at',
      'return_method',
    ])
    .where('receiving_agency', '=', agencyCode)
    .where('logbook_number', 'is not', null)
    .where(sql<boolean>`extract(year from accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${year}`);
  if (month !== null)
    select = select.where(
      sql<boolean>`extract(month from accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${month}`,
    );
  return select.orderBy('logbook_number').limit(limit).execute();
}

/** The stored answer of a request made with an idempotency key, if it completed. */
export async function findIdempotentResponse(db: Tx, scope: string, key: string) {
  const stored = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body', 'dossier_row'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!stored || stored.response_status === null) return null;
  return {
    requestHash: stored.request_hash,
    status: stored.response_status,
    body: stored.response_body,
    dossierRow: stored.dossier_row ? rowOfSnapshot(stored.dossier_row) : null,
  };
}

/** Columns of the dossier row that are times (a JSON snapshot of the row carries them as text). */
const TIME_COLUMNS = [
  'step_due_at',
  'submitted_at',
  'accepted_at',
  'due_at',
  'original_due_at',
  'paused_since',
  'finished_at',
  'returned_at',
  'updated_at',
] as const;

/** A dossier row from its JSON snapshot (to_jsonb of the row as written). */
export function rowOfSnapshot(snapshot: Record<string, unknown>): DossierRow {
  const row: Record<string, unknown> = { ...snapshot };
  for (const column of TIME_COLUMNS) {
    const value = row[column];
    row[column] = typeof value === 'string' ? new Date(value) : null;
  }
  return row as unknown as DossierRow;
}
