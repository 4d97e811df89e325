import type { Kysely } from 'kysely';
import { importNational, type NationalImportReport } from '../catalog/import-national.js';
import type { PublicationInput } from '../catalog/model.js';
import { RecordSourceError } from '../catalog/national/read-records.js';
import type { Database } from '../db/schema.js';
import { progressBar } from './progress.js';

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;

/** The summary people read after an import: counts, then by field, then every line that was not a record. */
export function nationalImportSummary(report: NationalImportReport): string[] {
  const lines = [
    `Bản ghi: ${report.records} (thêm mới ${report.inserted}, cập nhật ${report.updated}, không đổi ${report.unchanged})`,
    `Đọc trọn vẹn: ${report.fullyParsed} (${percent(report.fullyParsed, report.records)})`,
    `Cần rà soát: ${report.needingReview} (${percent(report.needingReview, report.records)})`,
    `Có danh sách thành phần hồ sơ: ${report.withDocuments} (${percent(report.withDocuments, report.records)})`,
    'Theo lĩnh vực (bản ghi / đọc trọn vẹn / cần rà soát):',
    ...report.byField.map((f) => `  ${f.field}: ${f.records} / ${f.fullyParsed} / ${f.needingReview}`),
  ];
  if (report.malformed.length > 0) {
    lines.push(`Bản ghi hỏng: ${report.malformed.length}`);
    for (const bad of report.malformed) lines.push(`  ${bad.message}`);
  }
  if (report.failed.length > 0) {
    lines.push(`Không ghi được: ${report.failed.length}`);
    for (const failed of report.failed) lines.push(`  ${failed.code || 'không mã'}: ${failed.reason}`);
  }
  return lines;
}

/**
 * `import national FILE|DIRECTORY [--decision N --decision-date D --effective-date D]`; returns the exit code:
 * 0 when every record was imported, 1 when a record is malformed or could not be stored, 2 when the source
 * cannot be read at all.
 */
export async function importNationalCommand(
  db: Kysely<Database>,
  source: string,
  publication: PublicationInput | undefined,
): Promise<number> {
  const bar = progressBar('Nhập thủ tục quốc gia');
  let report: NationalImportReport;
  try {
    report = await importNational(db, source, {
      ...(publication ? { publication } : {}),
      onProgress: ({ done, total }) => bar.update(done, total),
    });
  } catch (error) {
    bar.stop();
    if (error instanceof RecordSourceError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  bar.stop();
  process.stdout.write(`${nationalImportSummary(report).join('\n')}\n`);
  return report.malformed.length > 0 || report.failed.length > 0 ? 1 : 0;
}
