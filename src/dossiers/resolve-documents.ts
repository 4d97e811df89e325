import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import type { UploadLimits } from '../documents/services.js';
import { storedFiles, uploadsOf } from '../documents/store.js';
import { walletItemsOwnedBy } from '../documents/wallet.js';
import { AppError, invalid } from '../shared/errors.js';
import type { Channel, DocumentInput, FileRefValue, SubmittedDocument } from './model.js';

/** An upload may be attached for a day after it was made; older ones are left to be cleared. */
export const UPLOAD_VALID_MS = 24 * 3_600_000;

export interface Totals {
  files: number;
  bytes: number;
}

/** Refuses files that would take a dossier over the configured number of files or bytes. */
export function checkDossierLimits(limits: UploadLimits, existing: Totals, added: FileRefValue[]): void {
  const files = existing.files + added.length;
  const bytes = existing.bytes + added.reduce((sum, f) => sum + f.bytes, 0);
  if (files > limits.maxDossierFiles)
    throw new AppError(
      'DOSSIER_FILES_LIMIT',
      `Hồ sơ chỉ được có tối đa ${limits.maxDossierFiles} tệp (đã có ${existing.files}, thêm ${added.length}).`,
    );
  if (bytes > limits.maxDossierBytes)
    throw new AppError(
      'DOSSIER_FILES_LIMIT',
      `Tổng dung lượng tệp của một hồ sơ tối đa ${Math.floor(limits.maxDossierBytes / 1_048_576)} MB.`,
    );
}

/** The actor's own recent uploads, in the order asked; any other id is refused as not found. */
export async function resolveUploads(
  db: Kysely<Database>,
  actor: Actor,
  ids: string[],
  now: number,
): Promise<FileRefValue[]> {
  const found = await uploadsOf(db, actor.id, [...new Set(ids)], new Date(now - UPLOAD_VALID_MS));
  return ids.map((id) => {
    const upload = found.find((u) => u.id === id);
    if (!upload)
      throw new AppError(
        'UPLOAD_NOT_FOUND',
        'Không tìm thấy tệp đã tải lên (hoặc tệp đã quá 24 giờ); vui lòng tải lại tệp.',
      );
    return {
      sha256: upload.sha256,
      name: upload.name,
      bytes: Number(upload.bytes),
      mime: upload.mime,
      pages: upload.pages,
    };
  });
}

/**
 * Turns the documents of a request into what the dossier records: each upload checked to be the actor's
 * own, each wallet item the actor's own and chosen with consent, the business signatures found on receipt,
 * and where each document came from. Nothing is attached past the dossier's limits.
 */
export async function resolveDocuments(
  db: Kysely<Database>,
  limits: UploadLimits,
  actor: Actor,
  request: { documents: DocumentInput[]; reuseConsent?: boolean | undefined; channel: Channel },
  existing: Totals,
  now: number,
): Promise<SubmittedDocument[]> {
  const walletIds = request.documents.flatMap((d) => (d.walletItemId ? [d.walletItemId] : []));
  if (walletIds.length > 0 && request.reuseConsent !== true)
    throw invalid(
      [{ field: 'body.reuseConsent', message: 'Cần đồng ý cho sử dụng lại giấy tờ từ kho dữ liệu' }],
      'Cần sự đồng ý của người nộp để dùng lại giấy tờ trong kho dữ liệu.',
    );
  const wallet = await walletItemsOwnedBy(db, actor.id, walletIds);
  const resolved: SubmittedDocument[] = [];
  for (const input of request.documents) {
    const base = { name: input.name, form: input.form, copies: input.copies };
    if (input.walletItemId) {
      const item = wallet.find((w) => w.id === input.walletItemId);
      if (!item)
        throw new AppError(
          'WALLET_ITEM_NOT_FOUND',
          `Không tìm thấy giấy tờ "${input.name}" trong kho dữ liệu của bạn.`,
        );
      const file = {
        sha256: item.sha256,
        name: item.file_name,
        bytes: Number(item.bytes),
        mime: item.mime,
        pages: item.pages,
      };
      resolved.push({ ...base, origin: 'wallet', walletItemId: item.id, files: [file] });
    } else if (input.uploads?.length) {
      const files = await resolveUploads(db, actor, input.uploads, now);
      resolved.push({ ...base, origin: 'upload', files });
    } else {
      resolved.push(request.channel === 'online' ? base : { ...base, origin: 'paper' });
    }
  }
  return withSignatures(db, limits, existing, resolved);
}

/**
 * Documents whose files another system handed over (a filing on the national portal), already received and
 * stored by the documents module: held to the same limits, with the signatures found on them.
 */
export function documentsFromFiles(
  db: Kysely<Database>,
  limits: UploadLimits,
  documents: { name: string; form: SubmittedDocument['form']; copies: number; files: FileRefValue[] }[],
): Promise<SubmittedDocument[]> {
  return withSignatures(
    db,
    limits,
    { files: 0, bytes: 0 },
    documents.map((d) => (d.files.length > 0 ? { ...d, origin: 'upload' as const } : d)),
  );
}

/** Refuses documents past the dossier's limits, then adds the digital signatures found on their files. */
async function withSignatures(
  db: Kysely<Database>,
  limits: UploadLimits,
  existing: Totals,
  resolved: SubmittedDocument[],
): Promise<SubmittedDocument[]> {
  const added = resolved.flatMap((d) => d.files ?? []);
  checkDossierLimits(limits, existing, added);
  const checks = await storedFiles(
    db,
    added.map((f) => f.sha256),
  );
  return resolved.map((document) => {
    const signatures = (document.files ?? []).flatMap(
      (file) => checks.find((c) => c.sha256 === file.sha256)?.signatures ?? [],
    );
    return signatures.length > 0 ? { ...document, signatures } : document;
  });
}
