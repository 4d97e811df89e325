import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { ProcedureEdit, ProcedureRecord } from './model.js';
import { canPublish } from './policy.js';
import { findProcedure, upsertProcedure } from './procedure-store.js';

/** Edits a procedure's published content (what the portal shows); the code and its decisions stay. */
export async function editProcedure(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  edit: ProcedureEdit,
  today: string,
) {
  if (!canPublish(actor)) throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được sửa thủ tục.');
  await db.transaction().execute(async (trx) => {
    const current = await findProcedure(trx, code, today, true);
    if (!current) throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${code}.`);
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
    await upsertProcedure(trx, record);
  });
  return findProcedure(db, code, today, true);
}
