import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { deliveriesFor } from '../outbox/store.js';
import type { DossierEvent } from './events.js';
import type { SubmittedDocument } from './model.js';
import type { DossierState } from './state.js';
import {
  type DossierRow,
  EVENT_COLUMN_TYPES,
  EVENT_COLUMNS,
  eventValues,
  type NewDossier,
  projectionValues,
} from './store.js';

/**
 * The writer's SQL: one statement per state change, so a change costs one round trip and holds the gap-free
 * number rows for the shortest time. Each statement is atomic on its own; inside a caller's transaction it
 * simply joins it.
 */

/** SQL type of each projection column, so values can be cast in a statement built at run time. */
const PROJECTION_TYPES: Record<keyof ReturnType<typeof projectionValues>, string> = {
  channel: 'text',
  status: 'text',
  national_status: 'smallint',
  receiving_agency: 'text',
  handling_agency: 'text',
  process_id: 'int',
  step_key: 'text',
  step_due_at: 'timestamptz',
  assignee_id: 'int',
  submitted_at: 'timestamptz',
  accepted_at: 'timestamptz',
  due_at: 'timestamptz',
  original_due_at: 'timestamptz',
  apology_count: 'smallint',
  paused_since: 'timestamptz',
  paused_ms: 'bigint',
  supplement_count: 'smallint',
  supplement_phase: 'text',
  signed: 'boolean',
  finished_at: 'timestamptz',
  outcome: 'text',
  returned_at: 'timestamptz',
  return_method: 'text',
  timeliness: 'text',
  agencies_seen: 'text[]',
  procedure_version_id: 'int',
  owner_id: 'int',
  version: 'int',
};

const cast = (value: unknown, type: string) => sql`${value}::${sql.raw(type)}`;

/** The event's columns as a SELECT list over the dossier CTE `d` (its id comes from the row just written). */
function eventSelect(event: DossierEvent): RawBuilder<unknown> {
  const values = eventValues(0, event);
  const columns = EVENT_COLUMNS.filter((c) => c !== 'dossier_id');
  return sql`SELECT d.id, ${sql.join(columns.map((c) => cast(values[c], EVENT_COLUMN_TYPES[c])))} FROM d`;
}

const EVENT_COLUMN_LIST = sql.raw(EVENT_COLUMNS.join(', '));

export interface OutboxPayload {
  kind: string;
  /** The message without the dossier code, which the statement adds once it has numbered the dossier. */
  payload: Record<string, unknown>;
}

/** The outbox message and its deliveries, over the dossier CTE `d`. */
function outboxCtes(message: OutboxPayload): RawBuilder<unknown> {
  return sql`m AS (
      INSERT INTO outbox_messages (topic, kind, stream, payload)
      SELECT 'dossier', ${message.kind}, d.code, ${JSON.stringify(message.payload)}::jsonb || jsonb_build_object('code', d.code)
      FROM d RETURNING id, topic, kind, stream),
    o AS (${deliveriesFor(sql`m`)})`;
}

export interface OpenStatement {
  dossier: NewDossier;
  state: DossierState;
  event: DossierEvent;
  /** `<agency>-<YYMMDD>-`: the statement appends the day's serial. */
  codePrefix: string;
  day: string;
  year: number;
  /** Counter and postal receptions are accepted at once and take the year's logbook number. */
  withLogbook: boolean;
  message: OutboxPayload;
  idempotency: { scope: string; key: string; requestHash: string } | null;
}

/**
 * Opens a dossier in one statement: the receiving agency's daily serial and (for a reception) yearly logbook
 * number, the dossier row, its first event, its outbox message, and the idempotency key with a snapshot of the
 * row (a retry answers from it). A second request with the same key fails on the key's primary key and rolls
 * back whole, numbers included.
 */
export async function openDossier(db: Kysely<Database>, s: OpenStatement): Promise<DossierRow> {
  const projection = projectionValues(s.state);
  const columns = Object.keys(PROJECTION_TYPES) as (keyof typeof PROJECTION_TYPES)[];
  const agency = s.state.receivingAgency;
  const result = await sql<DossierRow>`/* prepare open_dossier */
    WITH serial AS (
      INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES (${agency}, ${s.day}::date, 1)
      ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1
      RETURNING last_value),
    logbook AS (
      INSERT INTO logbook_sequences (agency_code, year, last_value)
      SELECT ${agency}, ${s.year}::int, 1 WHERE ${s.withLogbook}::boolean
      ON CONFLICT (agency_code, year) DO UPDATE SET last_value = logbook_sequences.last_value + 1
      RETURNING last_value),
    d AS (
      INSERT INTO dossiers (code, procedure_code, applicant, applicant_id_number, applicant_search, representative,
        form_data, documents, logbook_number, ${sql.raw(columns.join(', '))})
      SELECT ${s.codePrefix} || lpad(serial.last_value::text, greatest(4, length(serial.last_value::text)), '0'),
        ${s.dossier.procedureCode}, ${JSON.stringify(s.dossier.applicant)}::jsonb, ${s.dossier.applicantIdNumber},
        ${s.dossier.applicantSearch},
        ${s.dossier.representative ? JSON.stringify(s.dossier.representative) : null}::jsonb,
        ${JSON.stringify(s.dossier.formData)}::jsonb, ${JSON.stringify(s.dossier.documents)}::jsonb,
        (SELECT last_value FROM logbook),
        ${sql.join(columns.map((c) => cast(projection[c], PROJECTION_TYPES[c])))}
      FROM serial
      RETURNING *),
    e AS (INSERT INTO dossier_events (${EVENT_COLUMN_LIST}) ${eventSelect(s.event)}),
    ${outboxCtes(s.message)},
    k AS (
      INSERT INTO idempotency_keys (scope, key, request_hash, response_status, dossier_row)
      SELECT ${s.idempotency?.scope ?? null}, ${s.idempotency?.key ?? null}, ${s.idempotency?.requestHash ?? null},
        201, to_jsonb(d) FROM d WHERE ${s.idempotency !== null}::boolean)
    SELECT * FROM d`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('opening a dossier wrote no row');
  return row;
}

export interface AppendStatement {
  row: DossierRow;
  state: DossierState;
  event: DossierEvent;
  /** An acceptance takes the receiving agency's next logbook number of the year. */
  logbookYear: number | null;
  addDocuments: SubmittedDocument[] | null;
  consultation: { agencies: string[]; question: string; askedAt: number; dueAt: number } | null;
  answer: { agency: string; answer: string; by: number; at: number } | null;
  message: OutboxPayload;
}

/**
 * Appends an event in one statement, only if the dossier is still at the version it was read at (the row is
 * locked first, so nothing is numbered or written when it is not): the projection folded from the event,
 * the event, the side tables it implies (logbook number, documents, consultations) and its outbox message.
 * Returns null when the version moved (a lost race).
 */
export async function appendEvent(db: Kysely<Database>, s: AppendStatement): Promise<DossierRow | null> {
  const projection = projectionValues(s.state);
  const columns = Object.keys(PROJECTION_TYPES) as (keyof typeof PROJECTION_TYPES)[];
  const result = await sql<DossierRow>`/* prepare append_event */
    WITH locked AS (
      SELECT id FROM dossiers WHERE id = ${s.row.id} AND version = ${s.row.version} FOR UPDATE),
    logbook AS (
      INSERT INTO logbook_sequences (agency_code, year, last_value)
      SELECT ${s.state.receivingAgency}, ${s.logbookYear ?? 0}::int, 1 FROM locked WHERE ${s.logbookYear !== null}::boolean
      ON CONFLICT (agency_code, year) DO UPDATE SET last_value = logbook_sequences.last_value + 1
      RETURNING last_value),
    d AS (
      UPDATE dossiers SET
        ${sql.join(columns.map((c) => sql`${sql.ref(c)} = ${cast(projection[c], PROJECTION_TYPES[c])}`))},
        logbook_number = coalesce((SELECT last_value FROM logbook), dossiers.logbook_number),
        documents = CASE WHEN ${s.addDocuments !== null}::boolean
          THEN dossiers.documents || ${JSON.stringify(s.addDocuments ?? [])}::jsonb ELSE dossiers.documents END,
        updated_at = now()
      FROM locked WHERE dossiers.id = locked.id
      RETURNING dossiers.*),
    e AS (INSERT INTO dossier_events (${EVENT_COLUMN_LIST}) ${eventSelect(s.event)}),
    consulted AS (
      INSERT INTO dossier_consultations (dossier_id, agency_code, question, asked_at, due_at)
      SELECT d.id, agency, ${s.consultation?.question ?? ''}, ${new Date(s.consultation?.askedAt ?? 0)}::timestamptz,
        ${new Date(s.consultation?.dueAt ?? 0)}::timestamptz
      FROM d, unnest(${s.consultation?.agencies ?? []}::text[]) AS agency
      WHERE ${s.consultation !== null}::boolean),
    answered AS (
      UPDATE dossier_consultations c SET answer = ${s.answer?.answer ?? null}, answered_at = ${new Date(s.answer?.at ?? 0)}::timestamptz,
        answered_by = ${s.answer?.by ?? null}::int
      FROM d WHERE ${s.answer !== null}::boolean AND c.dossier_id = d.id AND c.agency_code = ${s.answer?.agency ?? ''}
        AND c.answered_at IS NULL),
    ${outboxCtes(s.message)}
    SELECT * FROM d`.execute(db);
  return result.rows[0] ?? null;
}
