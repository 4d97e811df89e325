import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid } from '../shared/errors.js';
import { formSchemaProblems } from './eform.js';
import type { ProcedureEdit, ProcedureRecord, VersionProvenance } from './model.js';
import { findProcedure, upsertProcedure } from './procedure-store.js';

/**
 * Changes part of a procedure's content and writes it as a new version with its provenance. Dossiers already
 * received keep the version they were received under; new dossiers get this one.
 */
export function amendProcedure(
  db: Kysely<Database>,
  code: string,
  edit: ProcedureEdit,
  provenance: VersionProvenance,
  today: string,
) {
  return inTransaction(db, async (trx) => {
    const current = await findProcedure(trx, code, today, true);
    if (!current) throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${code}.`);
    const problems = (edit.documents ?? []).flatMap((d, i) =>
      d.formSchema ? formSchemaProblems(d.formSchema, `body.documents.${i}.formSchema`) : [],
    );
    if (problems.length > 0) throw invalid(problems, 'Tờ khai điện tử không hợp lệ.');
    const record: ProcedureRecord = {
      code,
      name: edit.name ?? current.name,
      field: edit.field ?? current.field,
      levels: current.level as ProcedureRecord['levels'],
      agencyKinds: current.agencyKinds,
      competentAgency: current.competentAgency,
      ministry: current.ministry,
      timeLimit: edit.timeLimit ?? current.timeLimit,
      fees: edit.fees ?? current.fees,
      documents: edit.documents ?? current.documents,
      legalBasis: edit.legalBasis === undefined ? current.legalBasis : edit.legalBasis,
      onlineLevel: edit.onlineLevel ?? (current.onlineLevel as ProcedureRecord['onlineLevel']),
      channels: edit.channels ?? (current.channels as ProcedureRecord['channels']),
      resultType: edit.resultType === undefined ? current.resultType : edit.resultType,
      receivedAtCentre: current.receivedAtCentre,
      internal: current.internal,
      sourceUrl: current.sourceUrl,
    };
    return upsertProcedure(trx, record, provenance);
  });
}
