import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import type { PublicationInput } from './model.js';
import { canPublish } from './policy.js';
import { addPublication, procedureExists } from './procedure-store.js';

/** Records a publication, amendment or abolition decision; it takes effect on its effective date. */
export async function publishProcedure(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  input: PublicationInput,
) {
  if (!canPublish(actor)) throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được công bố thủ tục.');
  if (input.effectiveDate < input.decisionDate) {
    throw invalid([
      { field: 'body.effectiveDate', message: 'Ngày có hiệu lực không được trước ngày ban hành quyết định' },
    ]);
  }
  if (!(await procedureExists(db, code))) {
    throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${code}.`);
  }
  const outcome = await addPublication(db, code, input, actor.id);
  if (outcome === 'exists') {
    throw new AppError('CONFLICT', `Quyết định ${input.decisionNumber} đã được ghi nhận cho thủ tục này.`);
  }
}
