import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export type ProcedureFilePurpose = 'template' | 'sample';

export interface NewProcedureFile {
  procedureCode: string;
  purpose: ProcedureFilePurpose;
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
  by: number | null;
}

/** Stores a file of the catalogue; an identical upload (same procedure, purpose, name and bytes) returns the stored one. */
export async function insertProcedureFile(db: Kysely<Database>, file: NewProcedureFile) {
  const same = await db
    .selectFrom('procedure_files')
    .select(['id', 'file_name', 'content_type', 'size', 'sha256', 'purpose'])
    .where('procedure_code', '=', file.procedureCode)
    .where('purpose', '=', file.purpose)
    .where('file_name', '=', file.fileName)
    .where('sha256', '=', file.sha256)
    .executeTakeFirst();
  if (same) return same;
  return db
    .insertInto('procedure_files')
    .values({
      procedure_code: file.procedureCode,
      purpose: file.purpose,
      file_name: file.fileName,
      content_type: file.contentType,
      size: file.content.length,
      sha256: file.sha256,
      content: file.content,
      created_by: file.by,
    })
    .returning(['id', 'file_name', 'content_type', 'size', 'sha256', 'purpose'])
    .executeTakeFirstOrThrow();
}

export async function procedureFile(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('procedure_files')
    .select(['id', 'procedure_code', 'purpose', 'file_name', 'content_type', 'size', 'sha256', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The files stored for a procedure, without their bytes. */
export async function procedureFiles(db: Kysely<Database>, procedureCode: string) {
  const rows = await db
    .selectFrom('procedure_files')
    .select(['id', 'purpose', 'file_name', 'content_type', 'size', 'created_at'])
    .where('procedure_code', '=', procedureCode)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    createdAt: row.created_at.toISOString(),
  }));
}
