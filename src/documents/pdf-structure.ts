import { PDFDocument } from 'pdf-lib';
import { corrupt, tooLarge } from './refusal.js';

export interface PdfFacts {
  pages: number;
  encrypted: boolean;
}

/**
 * A complete PDF ends with `startxref`, the offset of the last cross-reference section, and `%%EOF`
 * (ISO 32000-1 §7.5.5); the offset must point at an `xref` table or an xref stream object. A file cut short
 * in transfer fails here even when a lenient parser could still show some pages.
 */
function checkTrailer(bytes: Uint8Array): void {
  const tailStart = Math.max(0, bytes.length - 1024);
  const tail = Buffer.from(bytes.subarray(tailStart)).toString('latin1');
  const end = tail.lastIndexOf('%%EOF');
  if (end === -1) throw corrupt('không có dấu kết thúc %%EOF, tệp PDF có thể bị cắt cụt');
  const match = /startxref\s+(\d+)\s*$/.exec(tail.slice(0, end));
  const offset = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset >= bytes.length)
    throw corrupt('thiếu hoặc sai vị trí bảng xref');
  const target = Buffer.from(bytes.subarray(offset, offset + 64))
    .toString('latin1')
    .trimStart();
  if (!target.startsWith('xref') && !/^\d+\s+\d+\s+obj\b/.test(target)) {
    throw corrupt('vị trí startxref không trỏ tới bảng xref');
  }
}

/**
 * Checks a PDF's structure and counts its pages by walking the page tree with pdf-lib, which follows /Count
 * and /Kids as readers do, instead of counting "/Type /Page" strings that also appear in compressed object
 * streams, in unused objects and in earlier revisions. pdf-lib yields to the event loop while it parses.
 */
export async function inspectPdf(bytes: Uint8Array, maxPages: number): Promise<PdfFacts> {
  checkTrailer(bytes);
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: 200,
    });
  } catch {
    throw corrupt('không đọc được cấu trúc PDF');
  }
  let pages: number;
  try {
    pages = document.getPageCount();
  } catch {
    throw corrupt('cây trang của PDF bị hỏng');
  }
  if (pages === 0) throw corrupt('PDF không có trang nào');
  if (pages > maxPages) throw tooLarge(`${pages} trang, tối đa ${maxPages} trang`);
  return { pages, encrypted: document.isEncrypted };
}
