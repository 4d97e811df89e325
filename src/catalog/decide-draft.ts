import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { isoDate } from '../shared/api-schemas.js';
import { AppError, invalid } from '../shared/errors.js';
import {
  closeDraft,
  laterDraftPublished,
  pendingDraftForUpdate,
  supersedeOlderDrafts,
} from './draft-store.js';
import { mergeProcedure } from './merge-procedure.js';
import { canPublish } from './policy.js';
import { addPublication, currentProcedures, procedureExists, upsertProcedure } from './procedure-store.js';
import { saveImportReviews } from './review-store.js';

export const draftPublicationSchema = z.object({
  decisionNumber: z.string().trim().min(1).max(100),
  decisionDate: isoDate('1990-01-01', '2100-12-31'),
  effectiveDate: isoDate('1990-01-01', '2100-12-31'),
  note: z.string().trim().max(2000).optional(),
});
export type DraftPublication = z.infer<typeof draftPublicationSchema>;

export const draftDismissalSchema = z.object({ reason: z.string().trim().min(3).max(2000) });

const gone = () =>
  new AppError(
    'DRAFT_NOT_FOUND',
    'Không tìm thấy thay đổi đang chờ xử lý (có thể đã được công bố hoặc bỏ qua).',
  );

function requirePublisher(actor: Actor): void {
  if (!canPublish(actor))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC cấp tỉnh xử lý thay đổi từ CSDL quốc gia.');
}

/**
 * A controller publishes a change of the national database by a decision of the province: a new or amended
 * procedure becomes a new content version (merged onto what the catalogue holds, the national record winning where
 * it has a value) with its review items and a publication or amendment decision; an abolition records the
 * abolishing decision. All in one transaction, once: a draft already decided is not found.
 */
export async function publishDraft(db: Kysely<Database>, actor: Actor, id: number, input: DraftPublication) {
  requirePublisher(actor);
  if (input.effectiveDate < input.decisionDate)
    throw invalid([
      { field: 'body.effectiveDate', message: 'Ngày có hiệu lực không được trước ngày ban hành quyết định' },
    ]);
  await inTransaction(db, async (trx) => {
    const draft = await pendingDraftForUpdate(trx, id);
    if (!draft) throw gone();
    const code = draft.procedure_code;
    const seq = Number(draft.source_seq);
    if (await laterDraftPublished(trx, code, seq))
      throw new AppError(
        'CONFLICT',
        `Đã công bố một thay đổi mới hơn của thủ tục ${code}; thay đổi này cũ hơn, hãy bỏ qua nó.`,
      );
    const publication = { ...input, note: input.note ?? 'Theo thay đổi của CSDL quốc gia về TTHC' };
    if (draft.change === 'abolished' || !draft.record) {
      if (!(await procedureExists(trx, code)))
        throw new AppError('PROCEDURE_NOT_FOUND', `Danh mục không có thủ tục ${code} để bãi bỏ.`);
      await addPublication(trx, code, { ...publication, kind: 'abolish' }, actor.id);
    } else {
      const held = (await currentProcedures(trx, [code])).get(code);
      await upsertProcedure(trx, held ? mergeProcedure(held.record, draft.record) : draft.record, {
        by: actor.id,
        decisionNumber: input.decisionNumber,
        note: 'Cập nhật từ CSDL quốc gia về thủ tục hành chính',
      });
      await saveImportReviews(trx, [{ code, items: draft.review }]);
      await addPublication(trx, code, { ...publication, kind: held ? 'amend' : 'publish' }, actor.id);
    }
    await closeDraft(trx, id, { status: 'published', by: actor.id, decisionNumber: input.decisionNumber });
    await supersedeOlderDrafts(trx, code, seq, actor.id);
  });
}

/** A controller sets a change aside (not adopted in the province), with the reason; the catalogue is untouched. */
export async function dismissDraft(db: Kysely<Database>, actor: Actor, id: number, reason: string) {
  requirePublisher(actor);
  await inTransaction(db, async (trx) => {
    if (!(await pendingDraftForUpdate(trx, id))) throw gone();
    await closeDraft(trx, id, { status: 'dismissed', by: actor.id, reason });
  });
}
