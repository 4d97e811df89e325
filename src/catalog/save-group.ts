import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid } from '../shared/errors.js';
import { findGroup, writeGroup } from './group-store.js';
import type { ProcedureGroupInput } from './model.js';
import { canPublish } from './policy.js';
import { currentProcedures } from './procedure-store.js';

/**
 * A controller records a group of linked procedures and their order. Every member must be in the catalogue and
 * appear once; handling the group as one dossier comes later, the group is recorded now.
 */
export async function saveGroup(
  db: Kysely<Database>,
  actor: Actor | null,
  code: string,
  group: ProcedureGroupInput,
) {
  if (actor && !canPublish(actor))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được sửa nhóm thủ tục liên thông.');
  const codes = group.members.map((member) => member.procedureCode);
  const issues = codes.flatMap((member, index) =>
    codes.indexOf(member) === index
      ? []
      : [
          {
            field: `body.members.${index}.procedureCode`,
            message: `Thủ tục ${member} có hai lần trong nhóm`,
          },
        ],
  );
  if (issues.length > 0) throw invalid(issues);
  return inTransaction(db, async (trx) => {
    const known = await currentProcedures(trx, codes);
    const unknown = codes.flatMap((member, index) =>
      known.has(member)
        ? []
        : [{ field: `body.members.${index}.procedureCode`, message: `Không có thủ tục mã ${member}` }],
    );
    if (unknown.length > 0) throw invalid(unknown);
    await writeGroup(trx, code, group, actor?.id ?? null);
    return findGroup(trx, code);
  });
}
