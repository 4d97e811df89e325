import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { amendProcedure } from './amend-procedure.js';
import type { ProcedureEdit } from './model.js';
import { canPublish } from './policy.js';
import { findProcedure } from './procedure-store.js';

/** A controller edits a procedure's content: a new version recording who, when and on which decision. */
export async function editProcedure(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  edit: ProcedureEdit,
  today: string,
) {
  if (!canPublish(actor)) throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được sửa thủ tục.');
  await amendProcedure(db, code, edit, {
    by: actor.id,
    decisionNumber: edit.decisionNumber ?? null,
    note: edit.note ?? null,
  });
  return findProcedure(db, code, today, true);
}
