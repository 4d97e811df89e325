import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ProcedureRecord } from './model.js';
import type { ReviewItem } from './national/model.js';

export type DraftChange = 'new' | 'amended' | 'abolished';
export type DraftStatus = 'pending' | 'published' | 'dismissed';

/** This module's sync tables (migration 074), typed here: only the catalogue reads them. */
type DraftTables = {
  catalogue_drafts: {
    id: Generated<string>;
    source_seq: string | number;
    procedure_code: string;
    change: DraftChange;
    changed_at: Date;
    record: ColumnType<ProcedureRecord | null, string | null, string | null>;
    review: ColumnType<ReviewItem[], string, string>;
    status: ColumnType<DraftStatus, DraftStatus | undefined, DraftStatus>;
    received_at: ColumnType<Date, never, never>;
    decided_by: number | null;
    decided_at: Date | null;
    decision_number: string | null;
    dismiss_reason: string | null;
  };
  catalogue_sync_state: {
    source: string;
    cursor: string | number;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
};

const own = (db: Kysely<Database>) => db.withTables<DraftTables>();

export interface NewDraft {
  sourceSeq: number;
  code: string;
  change: DraftChange;
  changedAt: Date;
  record: ProcedureRecord | null;
  review: ReviewItem[];
}

/** Keeps a change as a draft; the same change of the feed taken twice is one draft. */
export async function insertDraft(db: Kysely<Database>, draft: NewDraft): Promise<void> {
  await own(db)
    .insertInto('catalogue_drafts')
    .values({
      source_seq: draft.sourceSeq,
      procedure_code: draft.code,
      change: draft.change,
      changed_at: draft.changedAt,
      record: draft.record ? JSON.stringify(draft.record) : null,
      review: JSON.stringify(draft.review),
    })
    .onConflict((oc) => oc.column('source_seq').doNothing())
    .execute();
}

export async function syncCursor(db: Kysely<Database>, source: string): Promise<number> {
  const row = await own(db)
    .selectFrom('catalogue_sync_state')
    .select('cursor')
    .where('source', '=', source)
    .executeTakeFirst();
  return row ? Number(row.cursor) : 0;
}

export async function saveSyncCursor(db: Kysely<Database>, source: string, cursor: number): Promise<void> {
  await own(db)
    .insertInto('catalogue_sync_state')
    .values({ source, cursor })
    .onConflict((oc) => oc.column('source').doUpdateSet({ cursor, updated_at: new Date() }))
    .execute();
}

const columns = [
  'id',
  'source_seq',
  'procedure_code',
  'change',
  'changed_at',
  'record',
  'review',
  'status',
  'received_at',
  'decided_at',
  'decision_number',
  'dismiss_reason',
] as const;

export async function listDrafts(db: Kysely<Database>, status: DraftStatus, page: number, pageSize: number) {
  const base = own(db).selectFrom('catalogue_drafts').where('status', '=', status);
  const [rows, count] = await Promise.all([
    base
      .select(columns)
      .orderBy('received_at')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A pending draft, locked for the decision taken on it in this transaction. */
export async function pendingDraftForUpdate(db: Kysely<Database>, id: number) {
  return own(db)
    .selectFrom('catalogue_drafts')
    .select(columns)
    .where('id', '=', String(id))
    .where('status', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
}

/** Whether a later change of the same procedure was already published (an older one must not undo it). */
export async function laterDraftPublished(db: Kysely<Database>, code: string, sourceSeq: number) {
  const row = await own(db)
    .selectFrom('catalogue_drafts')
    .select('id')
    .where('procedure_code', '=', code)
    .where('status', '=', 'published')
    .where('source_seq', '>', sourceSeq)
    .executeTakeFirst();
  return row !== undefined;
}

/** Older pending changes of a procedure, set aside once a later one is published. */
export async function supersedeOlderDrafts(
  db: Kysely<Database>,
  code: string,
  sourceSeq: number,
  by: number,
): Promise<void> {
  await own(db)
    .updateTable('catalogue_drafts')
    .set({
      status: 'dismissed',
      decided_by: by,
      decided_at: new Date(),
      dismiss_reason: 'Đã có thay đổi mới hơn của thủ tục được công bố',
    })
    .where('procedure_code', '=', code)
    .where('status', '=', 'pending')
    .where('source_seq', '<', sourceSeq)
    .execute();
}

export async function closeDraft(
  db: Kysely<Database>,
  id: number,
  decision: { status: 'published' | 'dismissed'; by: number; decisionNumber?: string; reason?: string },
): Promise<void> {
  await own(db)
    .updateTable('catalogue_drafts')
    .set({
      status: decision.status,
      decided_by: decision.by,
      decided_at: new Date(),
      decision_number: decision.decisionNumber ?? null,
      dismiss_reason: decision.reason ?? null,
    })
    .where('id', '=', String(id))
    .execute();
}
