import { type ColumnType, type Generated, type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { type FeedbackEvent, feedbackEventSchema } from './events.js';
import type { FeedbackChannel, FeedbackLocation, FeedbackStatus, Subject, Submitter } from './model.js';
import { DEFAULT_FEEDBACK_SETTINGS, type FeedbackSettings, feedbackSettingsSchema } from './settings.js';
import { currentDue, type FeedbackState } from './state.js';

type Json<T> = ColumnType<T, string, string>;
type Time = ColumnType<Date, Date | string, Date | string>;
type NullableTime = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** This module's tables (migration 050), typed here: no other module reads them. */
type FeedbackTables = {
  feedback_items: {
    id: Generated<number>;
    code: string;
    subject: Subject;
    channel: FeedbackChannel;
    title: string;
    content: string;
    submitter: Json<Submitter> | null;
    owner_id: number | null;
    access_key_hash: string;
    procedure_code: string | null;
    dossier_code: string | null;
    agency_concerned: string | null;
    location: Json<FeedbackLocation> | null;
    media_url: string | null;
    open311_client_id: number | null;
    status: FeedbackStatus;
    received_at: Time;
    handling_agency: string | null;
    due_at: NullableTime;
    due_kind: string | null;
    progress_due_at: NullableTime;
    finished_at: NullableTime;
    handled_on_time: boolean | null;
    answer: string | null;
    public_title: string | null;
    public_question: string | null;
    public_answer: string | null;
    published_at: NullableTime;
    answer_rating: string | null;
    version: number;
    created_at: ColumnType<Date, never, never>;
    updated_at: ColumnType<Date, never, Date | string>;
  };
  feedback_events: {
    feedback_id: number;
    seq: number;
    action: string;
    actor_id: number | null;
    actor_role: string | null;
    actor_agency: string | null;
    from_status: string | null;
    to_status: string;
    note: string | null;
    payload: Json<Record<string, unknown>>;
    at: Time;
  };
  feedback_sequences: { day: string; last_value: number };
  feedback_settings: {
    id: number;
    settings: Json<FeedbackSettings>;
    updated_by: number | null;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
};

type Db = Kysely<Database>;
const own = (db: Db) => db.withTables<FeedbackTables>();

export type FeedbackRow = Selectable<FeedbackTables['feedback_items']>;

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The projection columns, from the folded state. */
function projectionValues(state: FeedbackState) {
  const due = currentDue(state);
  return {
    status: state.status,
    received_at: new Date(state.receivedAt),
    handling_agency: state.handlingAgency,
    due_at: date(due?.at ?? null),
    due_kind: due?.kind ?? null,
    progress_due_at: state.status === 'handling' ? date(state.progressBy) : null,
    finished_at: date(state.finishedAt),
    handled_on_time: state.handledOnTime,
    answer: state.answer,
    public_title: state.publicTitle,
    public_question: state.publicQuestion,
    public_answer: state.publicAnswer,
    published_at: date(state.publishedAt),
    answer_rating: state.answerRating,
    version: state.version,
  };
}

function eventValues(feedbackId: number, event: FeedbackEvent) {
  return {
    feedback_id: feedbackId,
    seq: event.seq,
    action: event.action,
    actor_id: event.actorId,
    actor_role: event.actorRole,
    actor_agency: event.actorAgency,
    from_status: event.fromStatus,
    to_status: event.toStatus,
    note: event.note,
    payload: JSON.stringify(event.payload),
    at: new Date(event.at),
  };
}

/** The day's next serial of feedback codes (the row stays locked until commit, so codes have no gaps). */
export async function nextFeedbackSerial(db: Db, day: string): Promise<number> {
  const row = await own(db)
    .insertInto('feedback_sequences')
    .values({ day, last_value: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last_value: sql`feedback_sequences.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export interface NewFeedback {
  code: string;
  subject: Subject;
  channel: FeedbackChannel;
  title: string;
  content: string;
  submitter: Submitter | null;
  ownerId: number | null;
  accessKeyHash: string;
  procedureCode: string | null;
  dossierCode: string | null;
  agencyConcerned: string | null;
  location: FeedbackLocation | null;
  mediaUrl: string | null;
  open311ClientId: number | null;
}

export async function insertFeedback(
  db: Db,
  item: NewFeedback,
  state: FeedbackState,
  event: FeedbackEvent,
): Promise<FeedbackRow> {
  const row = await own(db)
    .insertInto('feedback_items')
    .values({
      code: item.code,
      subject: item.subject,
      channel: item.channel,
      title: item.title,
      content: item.content,
      submitter: item.submitter ? JSON.stringify(item.submitter) : null,
      owner_id: item.ownerId,
      access_key_hash: item.accessKeyHash,
      procedure_code: item.procedureCode,
      dossier_code: item.dossierCode,
      agency_concerned: item.agencyConcerned,
      location: item.location ? JSON.stringify(item.location) : null,
      media_url: item.mediaUrl,
      open311_client_id: item.open311ClientId,
      ...projectionValues(state),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await own(db).insertInto('feedback_events').values(eventValues(row.id, event)).execute();
  return row;
}

/** Writes the projection only if the item is still at the version read; null on a lost race. */
export async function appendFeedbackEvent(
  db: Db,
  row: FeedbackRow,
  state: FeedbackState,
  event: FeedbackEvent,
): Promise<FeedbackRow | null> {
  const updated = await own(db)
    .updateTable('feedback_items')
    .set({ ...projectionValues(state), updated_at: new Date() })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return null;
  await own(db).insertInto('feedback_events').values(eventValues(row.id, event)).execute();
  return updated;
}

export async function findFeedbackRow(db: Db, code: string, forUpdate = false) {
  let query = own(db).selectFrom('feedback_items').selectAll().where('code', '=', code);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function loadFeedbackEvents(db: Db, feedbackId: number): Promise<FeedbackEvent[]> {
  const rows = await own(db)
    .selectFrom('feedback_events')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .orderBy('seq')
    .execute();
  return rows.map((row) =>
    feedbackEventSchema.parse({
      seq: row.seq,
      action: row.action,
      at: row.at.getTime(),
      actorId: row.actor_id,
      actorRole: row.actor_role,
      actorAgency: row.actor_agency,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      note: row.note,
      payload: row.payload,
    }),
  );
}

export interface FeedbackListQuery {
  /** Only items handled by this agency; all when absent (a controller). */
  agency?: string;
  /** Only items owned by this account. */
  ownerId?: number;
  statuses?: FeedbackStatus[];
  open?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listFeedbackRows(db: Db, query: FeedbackListQuery) {
  let select = own(db).selectFrom('feedback_items');
  if (query.agency !== undefined) select = select.where('handling_agency', '=', query.agency);
  if (query.ownerId !== undefined) select = select.where('owner_id', '=', query.ownerId);
  if (query.statuses && query.statuses.length > 0) select = select.where('status', 'in', query.statuses);
  if (query.open) select = select.where('finished_at', 'is', null);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    select = select.where((eb) => eb.or([eb('code', 'ilike', like), eb('title', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    select
      .selectAll()
      .orderBy(sql`due_at ASC NULLS LAST`)
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    select.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Published answers, newest first, optionally matching words of their public title. */
export async function listPublishedRows(db: Db, q: string | undefined, page: number, pageSize: number) {
  let select = own(db).selectFrom('feedback_items').where('published_at', 'is not', null);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
    select = select.where((eb) =>
      eb.or([eb('public_title', 'ilike', like), eb('public_question', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    select
      .select([
        'code',
        'subject',
        'public_title',
        'public_question',
        'public_answer',
        'published_at',
        'received_at',
      ])
      .select('handling_agency')
      .orderBy('published_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    select.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Open items per handling agency (null: still at the desk), by urgency as the database sees it at `now`. */
export async function openItemsForOverview(db: Db) {
  return own(db)
    .selectFrom('feedback_items')
    .select(['code', 'status', 'handling_agency', 'due_at', 'due_kind', 'progress_due_at', 'received_at'])
    .where('finished_at', 'is', null)
    .execute();
}

/** Items whose handling finished in a period, per agency: how many, how many on time. */
export async function handledInPeriod(db: Db, from: Date, to: Date) {
  return own(db)
    .selectFrom('feedback_items as f')
    .innerJoin('feedback_events as e', (join) =>
      join.onRef('e.feedback_id', '=', 'f.id').on('e.action', '=', 'handle'),
    )
    .select([
      'f.handling_agency as agency',
      sql<number>`count(*)::int`.as('handled'),
      sql<number>`count(*) FILTER (WHERE f.handled_on_time)::int`.as('onTime'),
    ])
    .where('e.at', '>=', from)
    .where('e.at', '<', to)
    .groupBy('f.handling_agency')
    .execute();
}

export async function readFeedbackSettings(db: Db): Promise<FeedbackSettings> {
  const row = await own(db)
    .selectFrom('feedback_settings')
    .select('settings')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return DEFAULT_FEEDBACK_SETTINGS;
  return feedbackSettingsSchema.parse({ ...DEFAULT_FEEDBACK_SETTINGS, ...row.settings });
}

export async function saveFeedbackSettings(
  db: Db,
  settings: FeedbackSettings,
  userId: number,
): Promise<void> {
  await own(db)
    .insertInto('feedback_settings')
    .values({ id: 1, settings: JSON.stringify(settings), updated_by: userId, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        settings: JSON.stringify(settings),
        updated_by: userId,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export interface RequestSearch {
  codes?: string[];
  subject?: Subject;
  from?: Date;
  to?: Date;
  open?: boolean;
  limit: number;
}

/** Items as the Open311 request search asks for them, newest first. */
export async function searchRequestRows(db: Db, search: RequestSearch) {
  let select = own(db).selectFrom('feedback_items').selectAll();
  if (search.codes) select = select.where('code', 'in', search.codes.length > 0 ? search.codes : ['']);
  if (search.subject) select = select.where('subject', '=', search.subject);
  if (search.from) select = select.where('received_at', '>=', search.from);
  if (search.to) select = select.where('received_at', '<=', search.to);
  if (search.open !== undefined) select = select.where('finished_at', search.open ? 'is' : 'is not', null);
  return select.orderBy('received_at', 'desc').limit(search.limit).execute();
}
