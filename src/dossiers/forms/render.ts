import QRCode from 'qrcode';
import { nfc } from '../../shared/text.js';
import { pdfmake } from './shared-fonts.js';

export type Content = Record<string, unknown> | string | Content[];

export interface FormSpec {
  /** e.g. "Mẫu số 01" (Circular 01/2018). */
  formNumber: string;
  agencyName: string;
  parentName: string;
  documentNumber: string;
  place: string;
  date: string;
  title: string;
  subtitle?: string;
  body: Content[];
  signatures: { left?: { title: string; name: string }; right: { title: string; name: string } };
  qrUrl?: string;
  /** What the QR code is for; public tracking when omitted. */
  qrCaption?: string;
  pageSize?: 'A5' | 'A4';
  orientation?: 'portrait' | 'landscape';
}

/** Label/value rows, the way Vietnamese administrative forms list their fields. */
export function fields(rows: [string, string | null | undefined][]): Content {
  return {
    table: {
      widths: [118, '*'],
      body: rows.map(([label, value]) => [{ text: `${label}:`, bold: true }, nfc(value ?? '—')]),
    },
    layout: 'noBorders',
    margin: [0, 2, 0, 4],
  };
}

function signature(block: { title: string; name: string } | undefined): Content {
  if (!block) return { text: '' };
  return {
    stack: [
      { text: block.title, bold: true, alignment: 'center' },
      { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 8 },
      { text: '\n\n\n' },
      { text: nfc(block.name), alignment: 'center' },
    ],
  };
}

/** Side of the QR code, in points (about 22 mm). */
const QR_SIZE = 64;

/**
 * The QR code drawn as vector rectangles (one per run of dark modules in a row): sharp at any zoom, and no PNG to
 * encode and decode again on every form.
 */
export function qrCanvas(text: string, size: number): Record<string, unknown>[] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / n;
  const rects: Record<string, unknown>[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col += 1;
      rects.push({
        type: 'rect',
        x: start * unit,
        y: row * unit,
        w: (col - start) * unit,
        h: unit,
        color: '#000',
        lineWidth: 0,
      });
    }
  }
  return rects;
}

/**
 * Renders a one-stop form as a PDF: national heading, agency, number and date, title, body, signatures, QR to
 * public tracking. Rendering is CPU work (a year's logbook takes seconds): it runs on the worker threads of
 * `pdf-pool.ts`, never on the event loop; this function is what each worker runs.
 */
export async function renderFormInThisThread(spec: FormSpec): Promise<Buffer> {
  const qr = spec.qrUrl ? qrCanvas(spec.qrUrl, QR_SIZE) : null;
  const definition = {
    pageSize: spec.pageSize ?? 'A5',
    pageOrientation: spec.orientation ?? 'portrait',
    pageMargins: [28, 28, 28, 28],
    info: {
      title: nfc(spec.title),
      subject: nfc(`${spec.formNumber} — ${spec.documentNumber}`),
      creator: 'motcua',
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    content: [
      { text: spec.formNumber, italics: true, alignment: 'right', fontSize: 8 },
      {
        columns: [
          {
            width: '45%',
            stack: [
              { text: nfc(spec.parentName.toUpperCase()), alignment: 'center', fontSize: 8 },
              { text: nfc(spec.agencyName.toUpperCase()), alignment: 'center', bold: true, fontSize: 8 },
              { text: `Số: ${spec.documentNumber}`, alignment: 'center', margin: [0, 4, 0, 0] },
            ],
          },
          {
            width: '55%',
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', alignment: 'center', bold: true, fontSize: 8 },
              { text: 'Độc lập - Tự do - Hạnh phúc', alignment: 'center', bold: true, fontSize: 9 },
              {
                text: nfc(`${spec.place}, ${spec.date}`),
                alignment: 'center',
                italics: true,
                margin: [0, 4, 0, 0],
              },
            ],
          },
        ],
      },
      {
        text: nfc(spec.title.toUpperCase()),
        bold: true,
        alignment: 'center',
        fontSize: 12,
        margin: [0, 12, 0, 2],
      },
      spec.subtitle
        ? { text: nfc(spec.subtitle), alignment: 'center', italics: true, margin: [0, 0, 0, 8] }
        : { text: '' },
      ...spec.body,
      {
        columns: [signature(spec.signatures.left), signature(spec.signatures.right)],
        margin: [0, 12, 0, 0],
      },
      qr
        ? {
            columns: [
              { canvas: qr, width: QR_SIZE },
              {
                text: nfc(`${spec.qrCaption ?? 'Tra cứu tiến độ hồ sơ'}: ${spec.qrUrl}`),
                fontSize: 7,
                margin: [6, 20, 0, 0],
              },
            ],
            margin: [0, 10, 0, 0],
          }
        : { text: '' },
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}
