import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { mergeProcedure } from './merge-procedure.js';
import type { ProcedureRecord, PublicationInput } from './model.js';
import type { ReviewItem } from './national/model.js';
import { parseRecord } from './national/parse-record.js';
import { type ReadProgress, type ReadRecord, readNationalRecords } from './national/read-records.js';
import { toProcedure } from './national/to-procedure.js';
import {
  addPublications,
  currentProcedures,
  type UpsertOutcome,
  upsertProcedures,
} from './procedure-store.js';
import { saveImportReviews } from './review-store.js';

export interface NationalImportOptions {
  /** When given, every imported procedure is published by this decision (idempotent per decision). */
  publication?: PublicationInput;
  onProgress?: (progress: ReadProgress) => void;
  /** Records written per transaction. */
  batchSize?: number;
}

export interface FieldCount {
  field: string;
  records: number;
  fullyParsed: number;
  needingReview: number;
}

export interface NationalImportReport {
  /** Well-formed records read. */
  records: number;
  /** Lines or files that are not a record (invalid JSON, not an object, missing fields): nothing was guessed. */
  malformed: Extract<ReadRecord, { ok: false }>[];
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records parsed without a single review item. */
  fullyParsed: number;
  /** Records stored with items in the review queue. */
  needingReview: number;
  withDocuments: number;
  /** Records the catalogue could not store, with the reason. */
  failed: { code: string; reason: string }[];
  byField: FieldCount[];
}

interface Pending {
  record: ProcedureRecord;
  review: ReviewItem[];
}

/**
 * `motcua import national FILE`: reads national procedure records (JSON Lines, gzip or not, or a directory of JSON
 * files), parses each, merges it by code onto the procedure the catalogue holds (the national record wins where it
 * has a value) and writes a new content version only where something changed, so a second run changes nothing.
 * What could not be parsed is kept verbatim in the record's review queue.
 */
export async function importNational(
  db: Kysely<Database>,
  source: string,
  options: NationalImportOptions = {},
): Promise<NationalImportReport> {
  const report: NationalImportReport = {
    records: 0,
    malformed: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    fullyParsed: 0,
    needingReview: 0,
    withDocuments: 0,
    failed: [],
    byField: [],
  };
  const fields = new Map<string, FieldCount>();
  const batchSize = options.batchSize ?? 200;
  let batch: Pending[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    await writeBatch(db, pending, options.publication, report);
  };

  for await (const read of readNationalRecords(source, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })) {
    if (!read.ok) {
      report.malformed.push(read);
      continue;
    }
    report.records++;
    const parsed = parseRecord(read.record);
    const record = toProcedure(parsed.procedure);
    if (!record) {
      report.failed.push({
        code: parsed.procedure.code,
        reason: 'Bản ghi không có cấp thực hiện hoặc cách thức thực hiện nào đọc được',
      });
      continue;
    }
    const count = fields.get(record.field) ?? {
      field: record.field,
      records: 0,
      fullyParsed: 0,
      needingReview: 0,
    };
    count.records++;
    if (parsed.review.length === 0) count.fullyParsed++;
    else count.needingReview++;
    fields.set(record.field, count);
    if (parsed.review.length === 0) report.fullyParsed++;
    else report.needingReview++;
    if (parsed.tables.documents) report.withDocuments++;
    // A code seen twice in one file: the later record is written after the earlier one, as a later import would.
    if (batch.some((pending) => pending.record.code === record.code)) await flush();
    batch.push({ record, review: parsed.review });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  report.byField = [...fields.values()].sort(
    (a, b) => b.records - a.records || a.field.localeCompare(b.field),
  );
  return report;
}

/** One transaction per batch; a batch the database refuses is retried record by record, to name the one at fault. */
async function writeBatch(
  db: Kysely<Database>,
  batch: Pending[],
  publication: PublicationInput | undefined,
  report: NationalImportReport,
): Promise<void> {
  try {
    const outcomes = await db.transaction().execute((trx) => writeRecords(trx, batch, publication));
    for (const outcome of outcomes) report[outcome]++;
  } catch (error) {
    if (batch.length === 1) {
      report.failed.push({
        code: batch[0]?.record.code ?? '',
        reason: `Không ghi được vào danh mục: ${(error as Error).message.slice(0, 500)}`,
      });
      return;
    }
    for (const pending of batch) await writeBatch(db, [pending], publication, report);
  }
}

async function writeRecords(
  db: Kysely<Database>,
  batch: Pending[],
  publication: PublicationInput | undefined,
): Promise<UpsertOutcome[]> {
  const codes = batch.map((pending) => pending.record.code);
  const current = await currentProcedures(db, codes);
  const records = batch.map(({ record }) => {
    const held = current.get(record.code);
    return held ? mergeProcedure(held.record, record) : record;
  });
  const outcomes = await upsertProcedures(db, records, {
    by: null,
    note: 'Nhập từ Cơ sở dữ liệu quốc gia về thủ tục hành chính',
  });
  await saveImportReviews(
    db,
    batch.map((pending) => ({ code: pending.record.code, items: pending.review })),
  );
  if (publication) await addPublications(db, codes, publication, null);
  return outcomes;
}
