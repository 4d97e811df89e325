import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { mergeProcedure } from './merge-procedure.js';
import type { PublicationInput } from './model.js';
import { parseProcedureRow } from './procedure-row.js';
import { addPublication, currentProcedure, upsertProcedure } from './procedure-store.js';
import type { NumberedRow } from './read-procedure-file.js';

export interface RowError {
  row: number;
  code: string;
  column: string;
  reason: string;
}

export interface ImportReport {
  total: number;
  inserted: number;
  updated: number;
  /** Rows whose content equals the procedure's current version (a re-import changes nothing). */
  unchanged: number;
  failed: number;
  errors: RowError[];
}

export interface ImportOptions {
  /** When given, every imported procedure is published by this decision (idempotent per decision). */
  publication?: PublicationInput;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Upserts procedures by code, each row in its own transaction: a row is imported whole or not at all,
 * and a bad row is reported (row, column, Vietnamese reason) without stopping the others.
 */
export async function importProcedures(
  db: Kysely<Database>,
  rows: NumberedRow[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    total: rows.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    errors: [],
  };
  let done = 0;
  for (const { line, row } of rows) {
    const parsed = parseProcedureRow(row);
    const code = (row.code ?? '').trim();
    if (!parsed.ok) {
      report.failed++;
      for (const issue of parsed.issues) report.errors.push({ row: line, code, ...issue });
    } else {
      try {
        const outcome = await db.transaction().execute(async (trx) => {
          // The CSV export has no document lists, guidance or review: what the catalogue holds stays.
          const current = await currentProcedure(trx, parsed.procedure.code);
          const record = current ? mergeProcedure(current.record, parsed.procedure) : parsed.procedure;
          const result = await upsertProcedure(trx, record);
          if (options.publication)
            await addPublication(trx, parsed.procedure.code, options.publication, null);
          return result;
        });
        report[outcome]++;
      } catch (error) {
        report.failed++;
        report.errors.push({
          row: line,
          code,
          column: '',
          reason: `Lỗi ghi cơ sở dữ liệu: ${(error as Error).message}`,
        });
      }
    }
    done++;
    options.onProgress?.(done, rows.length);
  }
  return report;
}
