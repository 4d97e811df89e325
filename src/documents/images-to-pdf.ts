import { PDFDocument } from 'pdf-lib';
import { AppError } from '../shared/errors.js';

/** A4 in points (ISO 216): scans are fitted into it keeping their proportions. */
const A4 = { width: 595.28, height: 841.89 };

/**
 * Puts scanned pages into one PDF, one image per page in the order given (Circular 01/2023/TT-VPCP art. 8:
 * one image per page, in order). JPEG and PNG are embedded as they are, without re-encoding.
 */
export async function imagesToPdf(
  pages: { bytes: Uint8Array; mime: string }[],
  title: string,
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(title);
  document.setCreator('motcua');
  for (const page of pages) {
    const image =
      page.mime === 'image/jpeg'
        ? await document.embedJpg(page.bytes)
        : page.mime === 'image/png'
          ? await document.embedPng(page.bytes)
          : null;
    if (!image)
      throw new AppError(
        'FILE_TYPE_NOT_ALLOWED',
        'Trang quét phải là ảnh JPEG hoặc PNG (ảnh TIFF cần chuyển sang PDF trước khi ghép).',
      );
    const scale = Math.min(A4.width / image.width, A4.height / image.height);
    const sheet = document.addPage([A4.width, A4.height]);
    const width = image.width * scale;
    const height = image.height * scale;
    sheet.drawImage(image, { x: (A4.width - width) / 2, y: (A4.height - height) / 2, width, height });
  }
  return document.save({ useObjectStreams: false });
}
