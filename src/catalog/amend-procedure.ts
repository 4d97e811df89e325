import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid } from '../shared/errors.js';
import { formSchemaProblems } from './eform.js';
import type { ProcedureEdit, ProcedureRecord, VersionProvenance } from './model.js';
import { onlineLevelIssues, withOnlineReason } from './online-level.js';
import { currentProcedure, type UpsertOutcome, upsertProcedure } from './procedure-store.js';

/** The record after an edit: every field the edit names replaces the current one; the rest stays. */
export function applyEdit(current: ProcedureRecord, edit: ProcedureEdit): ProcedureRecord {
  const { decisionNumber: _decision, note: _note, ...content } = edit;
  const changes = Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined));
  return withOnlineReason({ ...current, ...changes });
}

/**
 * Changes part of a procedure's content and writes it as a new version with its provenance. Dossiers already
 * received keep the version they were received under; new dossiers get this one.
 */
export function amendProcedure(
  db: Kysely<Database>,
  code: string,
  edit: ProcedureEdit,
  provenance: VersionProvenance,
): Promise<UpsertOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await currentProcedure(trx, code);
    if (!current) throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${code}.`);
    const record = applyEdit(current.record, edit);
    const problems = [
      ...(edit.documents ?? []).flatMap((d, i) =>
        d.formSchema ? formSchemaProblems(d.formSchema, `body.documents.${i}.formSchema`) : [],
      ),
      ...onlineLevelIssues(record, edit.onlineLevel !== undefined || edit.onlineReason !== undefined),
    ];
    if (problems.length > 0) throw invalid(problems, 'Nội dung thủ tục chưa hợp lệ.');
    return upsertProcedure(trx, record, provenance);
  });
}
