import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import type { FileLimits } from './file-limits.js';
import { samplePdf } from './signing/test-fixtures.js';
import { sniffFile } from './sniff.js';
import { jpeg, minimalDocx, png, tiff, zip } from './test-samples.js';

const limits: FileLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPdfPages: 500,
  maxImagePixels: 100_000_000,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxZipEntries: 1000,
};

async function refusal(
  bytes: Uint8Array,
  given: FileLimits = limits,
): Promise<{ code: string; message: string }> {
  try {
    await sniffFile(bytes, given);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the file was accepted');
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Báo cáo').addRow(['Mã hồ sơ', 'Trạng thái']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('sniffFile', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await samplePdf();
  });

  it('accepts each allowed kind from its content, with pages or dimensions', async () => {
    expect(await sniffFile(pdf, limits)).toEqual({
      kind: 'pdf',
      mime: 'application/pdf',
      pages: 1,
      encrypted: false,
    });
    expect(await sniffFile(png(3, 2), limits)).toEqual({
      kind: 'png',
      mime: 'image/png',
      width: 3,
      height: 2,
    });
    expect(await sniffFile(jpeg(), limits)).toEqual({
      kind: 'jpeg',
      mime: 'image/jpeg',
      width: 16,
      height: 8,
    });
    expect(await sniffFile(tiff(5, 4), limits)).toEqual({
      kind: 'tiff',
      mime: 'image/tiff',
      width: 5,
      height: 4,
    });
    expect(await sniffFile(minimalDocx(), limits)).toMatchObject({
      kind: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      entries: 3,
    });
    expect(await sniffFile(await xlsx(), limits)).toMatchObject({
      kind: 'xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('counts the pages of a longer PDF', async () => {
    const { renderFormInThisThread } = await import('../dossiers/forms/render.js');
    const long = await renderFormInThisThread({
      formNumber: 'Mẫu số 03',
      agencyName: 'UBND phường Ninh Kiều',
      parentName: 'UBND thành phố Cần Thơ',
      documentNumber: '1/BC',
      place: 'Cần Thơ',
      date: 'ngày 1 tháng 1 năm 2026',
      title: 'Báo cáo',
      body: [
        { text: 'Trang một' },
        { text: 'Trang hai', pageBreak: 'before' },
        { text: 'Trang ba', pageBreak: 'before' },
      ],
      signatures: { right: { title: 'NGƯỜI LẬP', name: 'Lê Văn Bình' } },
    });
    expect(await sniffFile(long, limits)).toMatchObject({ kind: 'pdf', pages: 3 });
    expect(await refusal(long, { ...limits, maxPdfPages: 2 })).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('refuses executables whatever their name, with a Vietnamese message', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    expect(await refusal(elf)).toEqual({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message:
        'Loại tệp không được chấp nhận: chương trình thực thi (elf). Chỉ nhận tệp PDF, JPEG, PNG, TIFF, DOCX hoặc XLSX.',
    });
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)]);
    expect((await refusal(pe)).message).toContain('chương trình thực thi (exe)');
    const machO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(60)]);
    expect((await refusal(machO)).message).toContain('chương trình thực thi (macho)');
    expect((await refusal(Buffer.from('#!/bin/sh\nrm -rf ~\n'))).message).toContain('tệp lệnh');
  });

  it('refuses HTML, SVG, a ZIP that is not DOCX/XLSX, and unknown content', async () => {
    expect((await refusal(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>'))).message).toContain(
      'HTML',
    );
    expect((await refusal(Buffer.from('<?xml version="1.0"?>\n<svg onload="alert(1)"/>'))).message).toContain(
      'SVG',
    );
    const plainZip = zip([{ name: 'ho-so.txt', data: Buffer.from('xin chào') }]);
    expect(await refusal(plainZip)).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    expect((await refusal(Buffer.from('chỉ là văn bản'))).message).toContain('không xác định');
  });

  it('refuses a truncated PDF and one whose startxref points nowhere', async () => {
    expect(await refusal(pdf.subarray(0, Math.floor(pdf.length * 0.6)))).toMatchObject({
      code: 'FILE_CORRUPT',
    });
    const text = pdf.toString('latin1');
    const at = text.lastIndexOf('startxref');
    const wrong = Buffer.from(`${text.slice(0, at)}startxref\n12\n%%EOF\n`, 'latin1');
    expect((await refusal(wrong)).message).toContain('xref');
  });

  it('refuses a zip bomb from its central directory, without inflating it', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(64 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    expect(await refusal(bomb)).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(performance.now() - started).toBeLessThan(500);
    const many = zip(
      Array.from({ length: 30 }, (_, index) => ({ name: `p${index}.xml`, data: Buffer.from('x') })),
    );
    expect(await refusal(many, { ...limits, maxZipEntries: 20 })).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('refuses an oversized file and an image with too many pixels', async () => {
    expect(await refusal(pdf, { ...limits, maxBytes: 1000 })).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await refusal(png(4000, 3000), { ...limits, maxImagePixels: 1_000_000 })).toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });
});
