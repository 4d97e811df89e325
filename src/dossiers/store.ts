import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { type DossierEvent, dossierEventSchema } from './events.js';
import { NATIONAL_STATUS, type SubmittedDocument } from './model.js';
import type { DossierState } from './state.js';

type Tx = Kysely<Database>;

/** The receiving agency's next logbook number of the year (gap-free: the row stays locked until commit). */
export async function nextLogbookNumber(db: Tx, agencyCode: string, year: number): Promise<number> {
  const row = await db
    .insertInto('logbook_sequences')
    .values({ agency_code: agencyCode, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_code', 'year']).doUpdateSet({ last_value: sql`logbook_sequences.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

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
  ownerId: number | null;
}

export interface ProjectionExtras {
  /** The year's logbook number, taken when the dossier is accepted. */
  logbookNumber?: number;
  /** Documents a supplement adds to the dossier's list. */
  addDocuments?: SubmittedDocument[];
}

/** Writes the projection only if nobody changed the dossier since it was read; returns the new row, or null on a lost race. */
export async function updateProjection(
  db: Tx,
  id: number,
  state: DossierState,
  expectedVersion: number,
  extras: ProjectionExtras = {},
) {
  const row = await db
    .updateTable('dossiers')
    .set({
      ...projectionValues(state),
      ...(extras.logbookNumber !== undefined ? { logbook_number: extras.logbookNumber } : {}),
      ...(extras.addDocuments
        ? { documents: sql`documents || ${JSON.stringify(extras.addDocuments)}::jsonb` }
        : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** SQL type of each dossier_events column, in insertion order (for statements that take parameters per column). */
const EVENT_COLUMN_TYPES = {
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

export async function insertEvent(db: Tx, dossierId: number, event: DossierEvent): Promise<void> {
  await db.insertInto('dossier_events').values(eventValues(dossierId, event)).execute();
}

export async function findDossierRow(db: Tx, code: string) {
  return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
}

export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossierRow>>>;

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

/** Open consultations of a dossier: all of them, and those addressed to one agency. */
export async function openConsultations(db: Tx, dossierId: number, agencyCode: string | null) {
  return db
    .selectFrom('dossier_consultations')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) FILTER (WHERE agency_code = ${agencyCode ?? ''})`.as('forAgency'),
    ])
    .where('dossier_id', '=', dossierId)
    .where('answered_at', 'is', null)
    .executeTakeFirstOrThrow();
}

export async function insertConsultations(
  db: Tx,
  dossierId: number,
  agencies: string[],
  question: string,
  askedAt: number,
  dueAt: number,
): Promise<void> {
  await db
    .insertInto('dossier_consultations')
    .values(
      agencies.map((agency) => ({
        dossier_id: dossierId,
        agency_code: agency,
        question,
        asked_at: new Date(askedAt),
        due_at: new Date(dueAt),
      })),
    )
    .execute();
}

export async function answerConsultation(
  db: Tx,
  dossierId: number,
  agencyCode: string,
  answer: string,
  userId: number,
  at: number,
) {
  await db
    .updateTable('dossier_consultations')
    .set({ answer, answered_at: new Date(at), answered_by: userId })
    .where('dossier_id', '=', dossierId)
    .where('agency_code', '=', agencyCode)
    .where('answered_at', 'is', null)
    .execute();
}

/**
 * The day's serial and, for an accepted dossier, the year's logbook number, in one statement. Both rows
 * stay locked until commit (that is what keeps the numbers gap-free), so the fewer statements follow,
 * the sooner the next intake at the same centre can go on.
 */
export async function nextNumbers(
  db: Tx,
  agencyCode: string,
  day: string,
  year: number,
  withLogbook: boolean,
) {
  const result = await sql<{ serial: number; logbook: number | null }>`
    WITH s AS (
      INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES (${agencyCode}, ${day}::date, 1)
      ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1
      RETURNING last_value
    ), l AS (
      INSERT INTO logbook_sequences (agency_code, year, last_value)
      SELECT ${agencyCode}, ${year}::int, 1 WHERE ${withLogbook}::boolean
      ON CONFLICT (agency_code, year) DO UPDATE SET last_value = logbook_sequences.last_value + 1
      RETURNING last_value
    )
    SELECT (SELECT last_value FROM s) AS serial, (SELECT last_value FROM l) AS logbook`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('numbering returned no row');
  return row;
}

/** Inserts a new dossier and its first event in one statement; returns the dossier row. */
export async function insertDossierWithFirstEvent(
  db: Tx,
  dossier: NewDossier & { code: string },
  state: DossierState,
  logbookNumber: number | null,
  event: DossierEvent,
): Promise<DossierRow> {
  const row = await db
    .with('d', (q) =>
      q
        .insertInto('dossiers')
        .values({
          ...projectionValues(state),
          code: dossier.code,
          procedure_code: dossier.procedureCode,
          applicant: JSON.stringify(dossier.applicant),
          applicant_id_number: dossier.applicantIdNumber,
          applicant_search: dossier.applicantSearch,
          representative: dossier.representative ? JSON.stringify(dossier.representative) : null,
          form_data: JSON.stringify(dossier.formData),
          documents: JSON.stringify(dossier.documents),
          owner_id: dossier.ownerId,
          logbook_number: logbookNumber,
        })
        .returningAll(),
    )
    .with('e', (q) => {
      const values = eventValues(0, event);
      return q
        .insertInto('dossier_events')
        .columns(EVENT_COLUMNS)
        .expression((eb) =>
          eb
            .selectFrom('d')
            .select([
              'd.id',
              ...EVENT_COLUMNS.filter((column) => column !== 'dossier_id').map((column) =>
                sql`${values[column]}::${sql.raw(EVENT_COLUMN_TYPES[column])}`.as(column),
              ),
            ]),
        );
    })
    .selectFrom('d')
    .selectAll()
    .executeTakeFirstOrThrow();
  // A CTE's row type leaves Kysely's column wrappers unresolved; it is the dossiers row.
  return row as unknown as DossierRow;
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
