import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.js';
import { resultNoticeForm } from './document-forms.js';
import { qrCanvas, renderFormInThisThread } from './render.js';
import { fontMemoState } from './shared-fonts.js';

// jsqr is a UMD bundle whose module object is the function itself; its types describe an ES default export.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** Paints the QR canvas's rectangles onto a white bitmap, `scale` pixels per point, with a quiet zone. */
function paint(rects: Record<string, unknown>[], size: number, scale: number) {
  const quiet = 16;
  const side = Math.ceil(size * scale) + 2 * quiet;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const r of rects as { x: number; y: number; w: number; h: number }[]) {
    for (let y = Math.round(r.y * scale); y < Math.round((r.y + r.h) * scale); y++)
      for (let x = Math.round(r.x * scale); x < Math.round((r.x + r.w) * scale); x++) {
        const i = ((y + quiet) * side + (x + quiet)) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
  }
  return { rgba, side };
}

const notice = (applicantName: string) =>
  resultNoticeForm({
    agencyName: 'UBND phường Ninh Kiều',
    parentName: 'UBND thành phố Cần Thơ',
    dossierCode: '000.00.01.H13-261201-0007',
    procedureName: 'Đăng ký khai sinh',
    applicantName,
    at: Date.parse('2026-12-01T09:00:00+07:00'),
    receivedAt: Date.parse('2026-11-27T14:05:00+07:00'),
    verifyUrl: 'https://dichvucong.cantho.gov.vn/xac-thuc/3f9a2c',
  });

describe('form rendering', () => {
  it('keeps the text of a letter that an earlier document only drew inside an accented letter', async () => {
    // First in this file, so that no earlier document has typed the bold O. "CỘNG HÒA" in the national heading draws the bold O only as part of Ộ and Ò; the next title types it alone.
    const spec = (title: string) => ({
      formNumber: 'Mẫu số 01',
      agencyName: 'UBND phường An Bình',
      parentName: 'UBND thành phố Cần Thơ',
      documentNumber: '12/GBN',
      place: 'Cần Thơ',
      date: 'ngày 01 tháng 12 năm 2026',
      title,
      body: [],
      signatures: { right: { title: 'NGƯỜI NHẬN', name: 'Lê Văn Tâm' } },
    });
    await renderFormInThisThread(spec('GIẤY BIÊN NHẬN'));
    const text = await pdfText(await renderFormInThisThread(spec('PHIẾU KIỂM SOÁT')));
    expect(text).toContain('PHIẾU KIỂM SOÁT');
  });

  it('draws a QR code that a reader decodes back to the address', () => {
    for (const url of [
      'https://x/v/1',
      'https://dichvucong.cantho.gov.vn/tra-cuu/000.00.01.H13-261201-0007?k=Zx9',
    ]) {
      const { rgba, side } = paint(qrCanvas(url, 64), 64, 4);
      expect(jsQR(rgba, side, side)?.data).toBe(url);
    }
  });

  it('parses each font once per thread, and every document still carries its own text', async () => {
    const first = await renderFormInThisThread(notice('Nguyễn Văn An'));
    const afterFirst = fontMemoState();
    const second = await renderFormInThisThread(notice('Trần Thị Bích Ngọc'));
    expect(afterFirst.installed).toBe(true);
    // a notice uses regular, medium and italic: each parsed once, none again for the second document
    expect(afterFirst.parses).toBe(3);
    expect(fontMemoState().parses).toBe(3);
    const [a, b] = [await pdfText(first), await pdfText(second)];
    expect(a).toContain('Nguyễn Văn An');
    expect(a).not.toContain('Trần Thị Bích Ngọc');
    expect(b).toContain('Trần Thị Bích Ngọc');
    expect(b).toContain('THÔNG BÁO KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expect(b).toContain('Xác thực văn bản điện tử');
  });
});
