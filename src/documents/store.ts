import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SniffedFile } from './sniff.js';

type Time = ColumnType<Date, Date | string, Date | string>;
type DefaultTime = ColumnType<Date, Date | string | undefined, Date | string>;

/** This module's tables (migration 030). */
export type DocumentTables = {
  stored_files: {
    sha256: string;
    bytes: ColumnType<number, number, number>;
    mime: string;
    kind: SniffedFile['kind'];
    pages: number | null;
    scan_status: 'clean' | 'not_scanned';
    scanner: string | null;
    scanned_at: Date | null;
    signatures: ColumnType<SignatureSummary[], string, string>;
    created_at: DefaultTime;
  };
  uploads: {
    id: string;
    sha256: string;
    name: string;
    uploaded_by: number;
    created_at: DefaultTime;
  };
  signed_documents: {
    id: Generated<number>;
    verification_code: string;
    sha256: string;
    contents_sha256: string;
    purpose: 'result' | 'scan_seal';
    dossier_code: string;
    procedure_name: string;
    agency_code: string;
    signer_subject: string;
    signer_serial: string;
    signed_at: Time;
    timestamped: boolean;
  };
  wallet_items: {
    id: Generated<number>;
    owner_id: number;
    kind: 'document' | 'result';
    title: string;
    title_search: string;
    sha256: string;
    file_name: string;
    dossier_code: string;
    agency_code: string;
    issued_at: Time;
    signed_by: string | null;
    valid_until: ColumnType<string | null, string | null, string | null>;
    created_at: DefaultTime;
  };
  wallet_uses: {
    wallet_item_id: number;
    dossier_code: string;
    used_at: Time;
    consent: string;
  };
};

export const own = (db: Kysely<Database>) => db.withTables<DocumentTables>();

/** A signature found in an uploaded PDF, as checked when it arrived (the business signature of plan 56, IV.2.d). */
export interface SignatureSummary {
  signer: string | null;
  organization: string | null;
  signedAt: string | null;
  /** Unchanged since signing, the signature holds, and the certificate chains to a root this deployment trusts. */
  valid: boolean;
  /** Nothing covered was changed and the signature holds (whatever the trust in the certificate). */
  intact: boolean;
  trusted: boolean;
  problems: string[];
}

/** What a stored file is, as the rest of the system refers to it. */
export interface FileRef {
  sha256: string;
  name: string;
  bytes: number;
  mime: string;
  pages: number | null;
}

export interface StoredFileRow {
  sha256: string;
  bytes: number;
  mime: string;
  kind: SniffedFile['kind'];
  pages: number | null;
  scanStatus: 'clean' | 'not_scanned';
  scanner: string | null;
  signatures: SignatureSummary[];
}

export async function insertStoredFile(
  db: Kysely<Database>,
  file: StoredFileRow & { scannedAt: Date | null },
): Promise<void> {
  await own(db)
    .insertInto('stored_files')
    .values({
      sha256: file.sha256,
      bytes: file.bytes,
      mime: file.mime,
      kind: file.kind,
      pages: file.pages,
      scan_status: file.scanStatus,
      scanner: file.scanner,
      scanned_at: file.scannedAt,
      signatures: JSON.stringify(file.signatures),
    })
    // The same content uploaded twice is one stored file; a later clean scan supersedes "not scanned".
    .onConflict((oc) =>
      oc.column('sha256').doUpdateSet({
        scan_status: sql`CASE WHEN excluded.scan_status = 'clean' THEN 'clean' ELSE stored_files.scan_status END`,
        scanner: sql`coalesce(excluded.scanner, stored_files.scanner)`,
        scanned_at: sql`coalesce(excluded.scanned_at, stored_files.scanned_at)`,
      }),
    )
    .execute();
}

export async function storedFiles(db: Kysely<Database>, hashes: string[]): Promise<StoredFileRow[]> {
  if (hashes.length === 0) return [];
  const rows = await own(db).selectFrom('stored_files').selectAll().where('sha256', 'in', hashes).execute();
  return rows.map((row) => ({
    sha256: row.sha256,
    bytes: Number(row.bytes),
    mime: row.mime,
    kind: row.kind,
    pages: row.pages,
    scanStatus: row.scan_status,
    scanner: row.scanner,
    signatures: row.signatures,
  }));
}

export async function insertUpload(
  db: Kysely<Database>,
  upload: { id: string; sha256: string; name: string; uploadedBy: number },
): Promise<void> {
  await own(db)
    .insertInto('uploads')
    .values({ id: upload.id, sha256: upload.sha256, name: upload.name, uploaded_by: upload.uploadedBy })
    .execute();
}

/** Uploads of one person among the given ids, no older than `since`, with what was stored. */
export async function uploadsOf(db: Kysely<Database>, uploaderId: number, ids: string[], since: Date) {
  if (ids.length === 0) return [];
  return own(db)
    .selectFrom('uploads as u')
    .innerJoin('stored_files as f', 'f.sha256', 'u.sha256')
    .select(['u.id', 'u.name', 'f.sha256', 'f.bytes', 'f.mime', 'f.kind', 'f.pages'])
    .where('u.id', 'in', ids)
    .where('u.uploaded_by', '=', uploaderId)
    .where('u.created_at', '>=', since)
    .execute();
}

export async function insertSignedDocument(
  db: Kysely<Database>,
  row: Omit<DocumentTables['signed_documents'], 'id' | 'signed_at'> & { signed_at: Date },
): Promise<void> {
  await own(db).insertInto('signed_documents').values(row).execute();
}

export async function signedDocumentsWhere(
  db: Kysely<Database>,
  where: { verificationCode: string } | { sha256: string } | { contentsSha256: string[] },
) {
  let query = own(db).selectFrom('signed_documents').selectAll();
  if ('verificationCode' in where) query = query.where('verification_code', '=', where.verificationCode);
  else if ('sha256' in where) query = query.where('sha256', '=', where.sha256);
  else if (where.contentsSha256.length === 0) return [];
  else query = query.where('contents_sha256', 'in', where.contentsSha256);
  return query.orderBy('id').limit(20).execute();
}
