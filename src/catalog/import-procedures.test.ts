import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/helpers.js';
import { DEMO_PROCEDURES_FILE } from '../demo/seed.js';
import { importProcedures } from './import-procedures.js';
import { readProcedureFile } from './read-procedure-file.js';

const HEADER =
  'code,name,field,level,ministry,competent_agency,time_value,time_unit,time_channel,time_note,time_source,fee,fee_detail,submission_channels,online_level,announcing_decision,note,source_url';

describe('import of procedures (CSV and XLSX)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await testApp();
    dir = await mkdtemp(path.join(tmpdir(), 'motcua-import-'));
  });
  afterAll(() => t.close());

  it('imports all 120 real procedures; importing them again changes nothing', async () => {
    const rows = await readProcedureFile(DEMO_PROCEDURES_FILE);
    expect(rows).toHaveLength(120);
    // The seed merged the national records onto these 120 after importing them, so the first run here may update
    // them with what the CSV states; the second must find everything as it left it.
    const first = await importProcedures(t.db.kysely, rows);
    expect(first).toMatchObject({ total: 120, failed: 0, inserted: 0 });
    const progress: number[] = [];
    const report = await importProcedures(t.db.kysely, rows, { onProgress: (done) => progress.push(done) });
    expect(report).toMatchObject({ total: 120, failed: 0, inserted: 0, updated: 0, unchanged: 120 });
    expect(progress.at(-1)).toBe(120);
    const count = await t.db.pool.query('SELECT count(*)::int AS n FROM procedures WHERE code = ANY($1)', [
      rows.map((r) => r.row.code),
    ]);
    expect(count.rows[0].n).toBe(120);
  });

  it('reports each bad row with its line, column and a Vietnamese reason, and writes nothing of it', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        HEADER,
        '9.900001,"Thủ tục thử nghiệm hợp lệ",Thử nghiệm,Cấp tỉnh,,,5,Ngày làm việc,,,,Miễn phí,,Trực tiếp; Trực tuyến,,,,',
        'X.1,"Mã sai",Thử nghiệm,Cấp tỉnh,,,5,Ngày làm việc,,,,,,Trực tiếp,,,,',
        '9.900002,"Cấp sai",Thử nghiệm,Cấp huyện,,,abc,Ngày làm việc,,,,,,Bồ câu,,,,',
      ].join('\n'),
    );
    const report = await importProcedures(t.db.kysely, await readProcedureFile(file));
    expect(report.inserted + report.updated).toBe(1);
    expect(report.failed).toBe(2);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'code', reason: expect.stringContaining('Mã thủ tục') }),
        expect.objectContaining({
          row: 4,
          column: 'level',
          reason: expect.stringContaining('Cấp thực hiện'),
        }),
        expect.objectContaining({ row: 4, column: 'time_value' }),
        expect.objectContaining({ row: 4, column: 'submission_channels' }),
      ]),
    );
    const written = await t.db.pool.query('SELECT code FROM procedures WHERE code IN ($1, $2)', [
      '9.900001',
      '9.900002',
    ]);
    expect(written.rows.map((r) => r.code)).toEqual(['9.900001']);
  });

  it('reads XLSX with the same columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('TTHC');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      '9.900003',
      'Thủ tục từ Excel',
      'Thử nghiệm',
      'Cấp xã',
      '',
      '',
      3,
      'Ngày làm việc',
      '',
      '',
      '',
      '50,000 Việt Nam Đồng(/hồ sơ)',
      '',
      'Trực tiếp',
      '',
      '',
      '',
      '',
    ]);
    const file = path.join(dir, 'ok.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await importProcedures(t.db.kysely, await readProcedureFile(file));
    expect(report.failed).toBe(0);
    const row = await t.db.pool.query('SELECT fees, time_limit FROM procedures WHERE code = $1', [
      '9.900003',
    ]);
    expect(row.rows[0].fees[0]).toMatchObject({ amount: 50000, basis: 'hồ sơ' });
    expect(row.rows[0].time_limit).toMatchObject({ value: 3, unit: 'working_days' });
  });

  it('refuses a file without the required columns', async () => {
    const file = path.join(dir, 'noheader.csv');
    await writeFile(file, 'ma,ten\n1,2\n');
    await expect(readProcedureFile(file)).rejects.toThrow(/thiếu cột bắt buộc: code, name, field, level/i);
  });
});
