import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { ClockService } from '../calendar/clock-service.js';
import { limitAsWorkingMs } from '../calendar/time-limit.js';
import { findProcedure } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import type { ProcessDefinition, ProcessInput } from './model.js';
import { canAuthorProcesses } from './policy.js';
import { insertDraft } from './store.js';
import { validateProcess } from './validate.js';

/** Saves a new draft version of a procedure's electronic process after checking it against the procedure's time limit. */
export async function createDraftProcess(
  db: Kysely<Database>,
  clocks: ClockService,
  actor: Actor | null,
  procedureCode: string,
  input: ProcessInput,
  today: string,
): Promise<ProcessDefinition> {
  if (actor && !canAuthorProcesses(actor))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC được soạn quy trình điện tử.');
  const procedure = await findProcedure(db, procedureCode, today, true);
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục có mã ${procedureCode}.`);
  const clock = await clocks.clock(input.agencyCode ?? undefined);
  const issues = validateProcess(
    input,
    limitAsWorkingMs(clock, procedure.timeLimit, input.hoursPerDay),
    clock,
  );
  if (issues.length > 0)
    throw invalid(
      issues.map((i) => ({ field: `body.${i.field}`, message: i.message })),
      'Quy trình không hợp lệ.',
    );
  return insertDraft(db, procedureCode, input);
}
