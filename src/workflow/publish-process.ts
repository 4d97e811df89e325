import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { ProcessDefinition } from './model.js';
import { canAuthorProcesses } from './policy.js';
import { findProcess, markPublished } from './store.js';

/** Publishes a draft with its approving decision; dossiers started before keep the version they started with. */
export async function publishProcess(
  db: Kysely<Database>,
  actor: Actor | null,
  id: number,
  decisionNumber: string,
  effectiveDate: string,
): Promise<ProcessDefinition> {
  if (actor && !canAuthorProcesses(actor))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được ban hành quy trình điện tử.');
  const published = await markPublished(db, id, decisionNumber, effectiveDate);
  if (published) return published;
  const existing = await findProcess(db, id);
  if (!existing) throw new AppError('NOT_FOUND', `Không tìm thấy quy trình ${id}.`);
  throw new AppError('CONFLICT', 'Quy trình này đã được ban hành; hãy tạo phiên bản mới.');
}
