import type { Kysely } from 'kysely';
import { importProcedures } from '../catalog/import-procedures.js';
import type { PublicationInput } from '../catalog/model.js';
import { FileFormatError, readProcedureFile } from '../catalog/read-procedure-file.js';
import type { Database } from '../db/schema.js';
import { progressBar } from './progress.js';

/** `import procedures FILE [--decision N --decision-date D --effective-date D]`; returns the exit code. */
export async function importProceduresCommand(
  db: Kysely<Database>,
  file: string,
  publication: PublicationInput | undefined,
): Promise<number> {
  let rows: Awaited<ReturnType<typeof readProcedureFile>>;
  try {
    rows = await readProcedureFile(file);
  } catch (error) {
    if (error instanceof FileFormatError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`Không đọc được tệp ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
  const bar = progressBar('Nhập thủ tục');
  const report = await importProcedures(db, rows, {
    ...(publication ? { publication } : {}),
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.stop();
  process.stdout.write(
    `Đã nhập ${report.inserted} mới, cập nhật ${report.updated}, lỗi ${report.failed} / tổng ${report.total} dòng.\n`,
  );
  for (const error of report.errors) {
    process.stdout.write(
      `  dòng ${error.row} (${error.code || 'không mã'}) cột ${error.column || '-'}: ${error.reason}\n`,
    );
  }
  return report.failed > 0 ? 1 : 0;
}
