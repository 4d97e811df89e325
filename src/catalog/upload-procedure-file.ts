import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { cleanString } from '../shared/clean-input.js';
import { AppError } from '../shared/errors.js';
import { insertProcedureFile, type ProcedureFilePurpose } from './file-store.js';
import { canPublish } from './policy.js';
import { currentProcedure } from './procedure-store.js';

/** Templates and sample dossiers are forms and filled forms: 10 MiB is far above any published one. */
export const MAX_PROCEDURE_FILE_BYTES = 10 * 1024 * 1024;

const PDF = 'application/pdf';
const DOC = 'application/msword';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PROCEDURE_FILE_TYPES = [PDF, DOC, DOCX] as const;

/**
 * The type the bytes themselves show, not the one the browser claims: PDF ("%PDF-"), Word 97–2003 (an OLE2
 * compound file) or DOCX (a ZIP package holding word/document.xml).
 */
export function sniffFileType(content: Buffer): (typeof PROCEDURE_FILE_TYPES)[number] | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return DOC;
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && content.includes('word/'))
    return DOCX;
  return null;
}

const EXTENSIONS: Record<(typeof PROCEDURE_FILE_TYPES)[number], RegExp> = {
  [PDF]: /\.pdf$/i,
  [DOC]: /\.doc$/i,
  [DOCX]: /\.docx$/i,
};

/**
 * A controller uploads a form template (DOC, DOCX, PDF) or a sample filled dossier for a procedure. The file is kept
 * as uploaded, never changed; the procedure's content points at it when the controller publishes the next version.
 */
export async function uploadProcedureFile(
  db: Kysely<Database>,
  actor: Actor,
  procedureCode: string,
  upload: { purpose: ProcedureFilePurpose; fileName: string; declaredType: string; content: Buffer },
) {
  if (!canPublish(actor))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được tải lên tệp của thủ tục.');
  const fileName = cleanString(upload.fileName, 'querystring.fileName').trim();
  if (fileName.length === 0 || fileName.length > 300 || /[/\\]/.test(fileName))
    throw new AppError('VALIDATION_FAILED', 'Tên tệp không hợp lệ.', [
      { field: 'querystring.fileName', message: 'Tên tệp từ 1 đến 300 ký tự, không có dấu / hoặc \\' },
    ]);
  if (upload.content.length === 0)
    throw new AppError('VALIDATION_FAILED', 'Tệp rỗng.', [{ field: 'body', message: 'Tệp rỗng' }]);
  if (upload.content.length > MAX_PROCEDURE_FILE_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'Tệp vượt quá 10 MB.');
  const type = sniffFileType(upload.content);
  if (!type || type !== upload.declaredType || !EXTENSIONS[type].test(fileName))
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      'Chỉ nhận tệp PDF, DOC hoặc DOCX, có đuôi tên và nội dung đúng loại đã khai.',
    );
  if (!(await currentProcedure(db, procedureCode)))
    throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${procedureCode}.`);
  const stored = await insertProcedureFile(db, {
    procedureCode,
    purpose: upload.purpose,
    fileName,
    contentType: type,
    sha256: createHash('sha256').update(upload.content).digest('hex'),
    content: upload.content,
    by: actor.id,
  });
  return {
    id: stored.id,
    purpose: stored.purpose,
    fileName: stored.file_name,
    contentType: stored.content_type,
    size: stored.size,
    sha256: stored.sha256,
  };
}
