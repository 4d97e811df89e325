import ExcelJS from 'exceljs';
import { SATISFACTION_TARGET } from './bands.js';
import { type AggregateLevel, INDICATORS } from './model.js';
import type { SummaryRow } from './summarize.js';

export const BAND_NAMES_VI: Record<string, string> = {
  excellent: 'Xuất sắc',
  good: 'Tốt',
  fair: 'Khá',
  average: 'Trung bình',
  weak: 'Yếu',
  all_tasks: 'Hoàn thành 100% nhiệm vụ',
  most_tasks: 'Hoàn thành 70% đến dưới 100%',
  under_70: 'Hoàn thành dưới 70%',
};

const LEVEL_TITLE: Record<AggregateLevel, string> = {
  agency: 'Cơ quan',
  unit: 'Phòng, đơn vị',
  officer: 'Cán bộ, công chức',
};

export interface Sheet {
  /** The sheet's name, e.g. "Quý 1-2027" (Excel forbids "/" in sheet names). */
  name: string;
  title: string;
  level: AggregateLevel;
  rows: SummaryRow[];
}

/**
 * The results as a workbook, one sheet per period: counts of the quick levels, the satisfaction rate against
 * the plans' 86 % target, each indicator's mean, the score and its band — the table reports are exchanged as.
 */
export async function ratingsWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.addRow([sheet.title]).font = { bold: true, size: 13 };
    ws.addRow([`Mục tiêu mức độ hài lòng: ≥ ${SATISFACTION_TARGET}% (Kế hoạch 246/KH-UBND, 56/KH-UBND)`]);
    const header = [
      LEVEL_TITLE[sheet.level],
      ...(sheet.level === 'agency' ? [] : ['Cơ quan']),
      'Số phiếu',
      'Rất hài lòng',
      'Hài lòng',
      'Không hài lòng',
      'Tỷ lệ hài lòng (%)',
      ...Array.from({ length: 9 }, (_, i) => `Chỉ số ${i + 1}`),
      'Tổng điểm',
      'Xếp loại',
    ];
    ws.addRow(header).font = { bold: true };
    for (const row of sheet.rows) {
      const name =
        sheet.level === 'agency' ? row.agencyName : sheet.level === 'unit' ? row.unitName : row.officerName;
      ws.addRow([
        name ?? '',
        ...(sheet.level === 'agency' ? [] : [row.agencyName]),
        row.ratings,
        row.verySatisfied,
        row.satisfied,
        row.notSatisfied,
        row.satisfactionRate,
        ...INDICATORS.map((i) => row.means[i]),
        row.score,
        row.band ? (BAND_NAMES_VI[row.band] ?? row.band) : '',
      ]);
    }
    ws.getColumn(1).width = 40;
  }
  if (sheets.length === 0)
    workbook.addWorksheet('Không có dữ liệu').addRow(['Chưa có kết quả được công bố.']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
