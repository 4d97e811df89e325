import type { Readable } from 'node:stream';
import type { Actor } from '../auth/roles.js';
import { inTransaction } from '../db/transaction.js';
import { acceptFile, recordStoredFile } from '../documents/receive-upload.js';
import type { DocumentServices } from '../documents/services.js';
import { AppError } from '../shared/errors.js';
import { isSubmitter } from './act-as-submitter.js';
import { feedbackNotFound } from './act-on-feedback.js';
import { ATTACHABLE_STATUSES, attachmentsOf } from './attachments.js';
import { accessOfFeedback } from './decision-context.js';
import type { FeedbackDeps } from './deps.js';
import type { FeedbackEvent } from './events.js';
import { canActOnFeedback, canReadFeedback } from './policy.js';
import { appendToFeedback } from './record-feedback-event.js';
import type { FeedbackSettings } from './settings.js';
import { type FeedbackRow, findFeedbackRow, loadFeedbackEvents, readFeedbackSettings } from './store.js';

export interface FeedbackFileDeps extends FeedbackDeps {
  documents: DocumentServices;
}

/** Who asks for an item's files: whoever holds its key (or owns it), or a signed-in officer. */
export interface FeedbackFileCaller {
  key: string | undefined;
  actor: Actor | null;
}

/**
 * Who may attach, and whether the item takes one more file now. The submitter may (with the key or as the
 * owner); an officer who may act on the item may; anyone else finds no item (404), an officer who only
 * reads it is refused (403). Returns the item and the account the event is recorded under (none for a key
 * holder).
 */
function admitAttachment(
  row: FeedbackRow | undefined,
  events: FeedbackEvent[],
  caller: FeedbackFileCaller,
  settings: FeedbackSettings,
  code: string,
): { row: FeedbackRow; by: Actor | null } {
  if (!row) throw feedbackNotFound(code);
  const { actor } = caller;
  let by: Actor | null = null;
  if (isSubmitter(row, caller.key, actor)) by = actor?.role === 'citizen' ? actor : null;
  else if (!actor || !canReadFeedback(actor, accessOfFeedback(row))) throw feedbackNotFound(code);
  else if (!canActOnFeedback(actor, accessOfFeedback(row), 'handler'))
    throw new AppError('FORBIDDEN', 'Bạn không phụ trách phản ánh, kiến nghị này.');
  else by = actor;
  if (!ATTACHABLE_STATUSES.includes(row.status))
    throw new AppError(
      'FEEDBACK_ACTION_NOT_ALLOWED',
      'Không thể đính kèm tệp khi phản ánh, kiến nghị đã được trả lời hoặc đã kết thúc.',
    );
  if (attachmentsOf(events).length >= settings.maxAttachments)
    throw new AppError(
      'FEEDBACK_ATTACHMENT_LIMIT',
      `Mỗi phản ánh, kiến nghị được đính kèm tối đa ${settings.maxAttachments} tệp.`,
    );
  return { row, by };
}

/**
 * Attaches one uploaded file to a feedback item. Who may, and whether there is room, is checked before the
 * file is read (a refused caller stores nothing) and again in the transaction that records it; the file is
 * checked by the documents module (type by content, limits, scanner) before its content is stored, and its
 * row is written with the `attach` event, so the event never refers to a file that is not recorded.
 */
export async function attachToFeedback(
  deps: FeedbackFileDeps,
  code: string,
  caller: FeedbackFileCaller,
  upload: { stream: Readable; name: string | undefined },
) {
  const settings = await readFeedbackSettings(deps.db);
  const before = await findFeedbackRow(deps.db, code);
  admitAttachment(before, before ? await loadFeedbackEvents(deps.db, before.id) : [], caller, settings, code);
  const file = await acceptFile(deps.documents, upload);
  return inTransaction(deps.db, async (trx) => {
    const locked = await findFeedbackRow(trx, code, true);
    const events = locked ? await loadFeedbackEvents(trx, locked.id) : [];
    const { row, by } = admitAttachment(locked, events, caller, settings, code);
    await recordStoredFile(trx, file);
    const attached = {
      sha256: file.sha256,
      name: file.name,
      mime: file.mime,
      bytes: file.bytes,
      pages: file.pages,
    };
    const updated = await appendToFeedback(trx, row, events, {
      at: deps.now(),
      actorId: by?.id ?? null,
      actorRole: by?.role ?? null,
      actorAgency: by?.agencyCode ?? null,
      fromStatus: row.status,
      toStatus: row.status,
      note: file.name,
      action: 'attach',
      payload: { file: attached },
    });
    return { ...attached, n: attachmentsOf(events).length + 1, version: updated.version };
  });
}

/**
 * One file of an item, for the submitter (key or account) and the officers who may read the item; never
 * on the published page. Anyone else finds nothing (404).
 */
export async function feedbackAttachment(
  deps: FeedbackDeps,
  code: string,
  n: number,
  caller: FeedbackFileCaller,
) {
  const row = await findFeedbackRow(deps.db, code);
  const { actor } = caller;
  const allowed =
    row &&
    (isSubmitter(row, caller.key, actor) ||
      (actor !== null && canReadFeedback(actor, accessOfFeedback(row))));
  if (!row || !allowed) throw feedbackNotFound(code);
  const file = attachmentsOf(await loadFeedbackEvents(deps.db, row.id)).find((a) => a.n === n);
  if (!file)
    throw new AppError('FEEDBACK_ATTACHMENT_NOT_FOUND', `Phản ánh, kiến nghị ${code} không có tệp số ${n}.`);
  return file;
}
