import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FileRefValue } from './model.js';

export type FileRole = 'document' | 'scan' | 'scan_seal' | 'result' | 'signed_result';
export type FileOrigin = 'upload' | 'wallet' | 'registry' | 'paper' | 'issued';

/** The side table of a dossier's files (migration 030), written only by the one writer (`record-event.ts`). */
type FileTables = {
  dossier_files: {
    id: Generated<number>;
    dossier_id: number;
    event_seq: number;
    role: FileRole;
    document_name: string | null;
    position: number;
    sha256: string;
    name: string;
    bytes: ColumnType<number, number, number>;
    mime: string;
    pages: number | null;
    origin: FileOrigin;
    wallet_item_id: number | null;
    attached_at: ColumnType<Date, Date, Date>;
    attached_by: number | null;
  };
};

const own = (db: Kysely<Database>) => db.withTables<FileTables>();

export interface NewDossierFile {
  role: FileRole;
  documentName: string | null;
  position: number;
  file: FileRefValue;
  origin: FileOrigin;
  walletItemId: number | null;
}

export async function insertDossierFiles(
  db: Kysely<Database>,
  dossierId: number,
  event: { seq: number; at: number; actorId: number | null },
  files: NewDossierFile[],
): Promise<void> {
  if (files.length === 0) return;
  await own(db)
    .insertInto('dossier_files')
    .values(
      files.map((f) => ({
        dossier_id: dossierId,
        event_seq: event.seq,
        role: f.role,
        document_name: f.documentName,
        position: f.position,
        sha256: f.file.sha256,
        name: f.file.name,
        bytes: f.file.bytes,
        mime: f.file.mime,
        pages: f.file.pages,
        origin: f.origin,
        wallet_item_id: f.walletItemId,
        attached_at: new Date(event.at),
        attached_by: event.actorId,
      })),
    )
    .execute();
}

export async function dossierFiles(db: Kysely<Database>, dossierId: number) {
  return own(db)
    .selectFrom('dossier_files')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('event_seq')
    .orderBy('document_name')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export type DossierFileRow = Awaited<ReturnType<typeof dossierFiles>>[number];

export async function dossierFile(db: Kysely<Database>, dossierId: number, id: number) {
  return own(db)
    .selectFrom('dossier_files')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The file of a role attached last (the current result, the current signed result). */
export async function latestFile(db: Kysely<Database>, dossierId: number, role: FileRole) {
  return own(db)
    .selectFrom('dossier_files')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('role', '=', role)
    .orderBy('event_seq', 'desc')
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How many files and bytes a dossier holds already, for the per-dossier limits. */
export async function fileTotals(db: Kysely<Database>, dossierId: number) {
  // count and sum are bigint and numeric in PostgreSQL, which pg returns as strings.
  const row = await own(db)
    .selectFrom('dossier_files')
    .select([sql<string>`count(*)`.as('files'), sql<string>`coalesce(sum(bytes), 0)`.as('bytes')])
    .where('dossier_id', '=', dossierId)
    .executeTakeFirstOrThrow();
  return { files: Number(row.files), bytes: Number(row.bytes) };
}

/** Whether a dossier has a signed electronic result (public tracking says so, without showing it). */
export async function hasSignedResult(db: Kysely<Database>, dossierId: number): Promise<boolean> {
  const row = await own(db)
    .selectFrom('dossier_files')
    .select('id')
    .where('dossier_id', '=', dossierId)
    .where('role', '=', 'signed_result')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The last event of an action on a dossier (the attached result's title, the signature of the result). */
export async function latestEventRow(db: Kysely<Database>, dossierId: number, action: string) {
  return db
    .selectFrom('dossier_events')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
