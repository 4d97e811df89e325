import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ProcedureRow } from './procedure-row.js';

export interface NumberedRow {
  /** Line (CSV) or row (XLSX) number in the file, the header being 1. */
  line: number;
  row: ProcedureRow;
}

export class FileFormatError extends Error {}

const REQUIRED = ['code', 'name', 'field', 'level'];

function checkHeader(header: string[]): void {
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new FileFormatError(`Tệp thiếu cột bắt buộc: ${missing.join(', ')}`);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** Reads a procedure list as CSV or XLSX (first worksheet), with the columns of shared/data/procedures.csv. */
export async function readProcedureFile(file: string): Promise<NumberedRow[]> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') {
    const records = parse(await readFile(file), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
    const [header, ...rows] = records;
    if (!header) throw new FileFormatError('Tệp rỗng');
    const columns = header.map((h) => h.trim());
    checkHeader(columns);
    return rows.map((cells, index) => ({
      line: index + 2,
      row: Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as ProcedureRow,
    }));
  }
  if (extension === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new FileFormatError('Tệp không có trang tính');
    const columns: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
      columns[column - 1] = cellText(cell.value).trim();
    });
    checkHeader(columns);
    const rows: NumberedRow[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const record: Record<string, string> = {};
      columns.forEach((column, i) => {
        record[column] = cellText(row.getCell(i + 1).value);
      });
      rows.push({ line: number, row: record as ProcedureRow });
    });
    return rows;
  }
  throw new FileFormatError(`Chỉ hỗ trợ tệp .csv hoặc .xlsx (nhận được "${extension || file}")`);
}
