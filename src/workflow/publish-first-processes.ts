import type { Kysely } from 'kysely';
import type { Clock } from '../calendar/deadline.js';
import { limitAsWorkingMs, type TimeLimit } from '../calendar/time-limit.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { ProcessInput } from './model.js';
import { validateProcess } from './validate.js';

export interface FirstProcess {
  procedureCode: string;
  timeLimit: TimeLimit;
  input: ProcessInput;
}

/** Rows per INSERT: a catalogue of a province's procedures goes in a handful of statements. */
const CHUNK = 500;

/**
 * Publishes the first version of a process for many procedures that have none (a catalogue loaded at once), each
 * checked against its procedure's time limit like a draft, in one transaction. Refuses the whole set when one is
 * invalid, naming it.
 */
export function publishFirstProcesses(
  db: Kysely<Database>,
  clock: Clock,
  processes: FirstProcess[],
  decisionNumber: string,
  effectiveDate: string,
): Promise<number> {
  for (const { procedureCode, timeLimit, input } of processes) {
    const issues = validateProcess(input, limitAsWorkingMs(clock, timeLimit, input.hoursPerDay), clock);
    if (issues.length > 0)
      throw new Error(
        `process of ${procedureCode}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
      );
  }
  return inTransaction(db, async (trx) => {
    for (let start = 0; start < processes.length; start += CHUNK) {
      await trx
        .insertInto('processes')
        .values(
          processes.slice(start, start + CHUNK).map(({ procedureCode, input }) => ({
            procedure_code: procedureCode,
            agency_code: input.agencyCode,
            version: 1,
            status: 'published' as const,
            decision_number: decisionNumber,
            effective_date: effectiveDate,
            hours_per_day: input.hoursPerDay,
            steps: JSON.stringify(input.steps),
            published_at: new Date(),
          })),
        )
        .execute();
    }
    return processes.length;
  });
}
