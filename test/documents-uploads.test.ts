import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoPkiPaths } from '../src/documents/signing/demo-pki.js';
import { readPemBundle } from '../src/documents/signing/key-files.js';
import { issueCertificate } from '../src/documents/signing/local-ca.js';
import { signPdf } from '../src/documents/signing/sign-pdf.js';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';
import { jpeg, minimalDocx, zip } from '../src/documents/test-samples.js';
import { applicant, birthForm, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp, testFilesDir } from './helpers.js';
import { documentRows, multipartWithoutFile, storedPaths, upload, uploaded } from './upload-fixtures.js';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4_000)]);
const SMALL_LIMIT = 300_000;

describe('uploads: type from content, limits, nothing stored when refused', () => {
  let t: TestApp;
  let desk: Desk;
  let pdf: Buffer;
  beforeAll(async () => {
    // A small file limit so that "too large" is cheap to send.
    t = await testApp({
      documents: {
        limits: {
          maxBytes: SMALL_LIMIT,
          maxPdfPages: 50,
          maxImagePixels: 50_000_000,
          maxUncompressedBytes: 5_000_000,
          maxCompressionRatio: 200,
          maxZipEntries: 500,
          maxDossierBytes: 1_000_000,
          maxDossierFiles: 5,
        },
      },
    });
    desk = new Desk(t.app);
    pdf = await samplePdf();
  });
  afterAll(() => t.close());

  async function refusedWithNothingStored(name: string, bytes: Buffer, code: string, words: RegExp) {
    const before = await documentRows(t.db);
    const files = await storedPaths(await testFilesDir());
    const response = await upload(t.app, await desk.token('citizen'), name, bytes);
    expect(response.statusCode, response.body).toBe(
      code === 'FILE_TOO_LARGE' ? 413 : code === 'FILE_CORRUPT' ? 422 : 400,
    );
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(words);
    expect(await documentRows(t.db)).toEqual(before);
    expect(await storedPaths(await testFilesDir())).toEqual(files);
  }

  it('refuses an executable renamed to .pdf, saying what it is, in Vietnamese', async () => {
    await refusedWithNothingStored(
      'giay-khai-sinh.pdf',
      ELF,
      'FILE_TYPE_NOT_ALLOWED',
      /chương trình thực thi/,
    );
  });

  it('refuses a truncated PDF', async () => {
    await refusedWithNothingStored(
      'to-khai.pdf',
      pdf.subarray(0, Math.floor(pdf.length / 2)),
      'FILE_CORRUPT',
      /cắt cụt|bị hỏng/,
    );
  });

  it('refuses a decompression bomb dressed as a DOCX', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(32 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(SMALL_LIMIT);
    await refusedWithNothingStored('bao-cao.docx', bomb, 'FILE_TOO_LARGE', /giải nén|tỉ lệ nén/);
  });

  it('refuses a file over the size limit as soon as the limit is passed', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(SMALL_LIMIT)]);
    await refusedWithNothingStored('lon.pdf', big, 'FILE_TOO_LARGE', /vượt quá/);
  });

  it('takes a PDF and a phone photo, typed by content, with pages, marked "not scanned" without a scanner', async () => {
    const token = await desk.token('citizen');
    const asPdf = await upload(t.app, token, 'Tờ khai đăng ký khai sinh.pdf', pdf);
    expect(asPdf.statusCode, asPdf.body).toBe(201);
    expect(asPdf.json()).toMatchObject({
      name: 'Tờ khai đăng ký khai sinh.pdf',
      kind: 'pdf',
      mime: 'application/pdf',
      pages: 1,
      scan: 'not_scanned',
      scanner: null,
      signatures: [],
    });
    // A photo named like a document is still a JPEG.
    const photo = await upload(t.app, token, 'giay-chung-sinh.pdf', jpeg());
    expect(photo.json()).toMatchObject({ kind: 'jpeg', mime: 'image/jpeg', pages: 1 });
    const docx = await upload(t.app, token, '../../etc/ban-tuong-trinh.docx', minimalDocx());
    expect(docx.json()).toMatchObject({ kind: 'docx', name: 'ban-tuong-trinh.docx', pages: null });
  });

  it('refuses an upload without a file, and anonymous uploads', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/uploads' });
    expect(anonymous.statusCode).toBe(401);
    const empty = multipartWithoutFile();
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...bearer(await desk.token('citizen')), ...empty.headers },
      payload: empty.payload,
    });
    expect(noFile.statusCode, noFile.body).toBe(400);
    expect(noFile.json().error.message).toMatch(/Chưa chọn tệp/);
  });

  it('attaches uploads to an online dossier, served only to those who may read it', async () => {
    const token = await desk.token('citizen');
    const form = await uploaded(t.app, token, 'to-khai.pdf', pdf);
    const certificate = await uploaded(t.app, token, 'giay-chung-sinh.jpg', jpeg());
    const created = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
      documents: [
        { name: 'Tờ khai đăng ký khai sinh', form: 'original', uploads: [form] },
        { name: 'Giấy chứng sinh', form: 'copy', uploads: [certificate] },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code as string;
    expect(created.json().documents).toMatchObject([
      { name: 'Tờ khai đăng ký khai sinh', origin: 'upload', files: [{ name: 'to-khai.pdf', pages: 1 }] },
      { name: 'Giấy chứng sinh', origin: 'upload', files: [{ mime: 'image/jpeg' }] },
    ]);
    const list = await t.app.inject({
      url: `/api/dossiers/${code}/files`,
      headers: bearer(await desk.token('receiver.ninhkieu')),
    });
    expect(list.statusCode).toBe(200);
    const files = list.json().items as { id: number; role: string; origin: string; documentName: string }[];
    expect(files.map((f) => [f.role, f.origin, f.documentName])).toEqual([
      ['document', 'upload', 'Giấy chứng sinh'],
      ['document', 'upload', 'Tờ khai đăng ký khai sinh'],
    ]);
    const fileUrl = `/api/dossiers/${code}/files/${files[1]?.id}`;
    const asOwner = await t.app.inject({ url: fileUrl, headers: bearer(token) });
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.headers['content-type']).toBe('application/pdf');
    expect(asOwner.headers['x-content-type-options']).toBe('nosniff');
    expect(asOwner.rawPayload.equals(pdf)).toBe(true);
    for (const stranger of ['receiver.stp', 'processor.stp']) {
      const denied = await t.app.inject({ url: fileUrl, headers: bearer(await desk.token(stranger)) });
      expect(denied.statusCode, stranger).toBe(404);
    }
    expect((await t.app.inject({ url: fileUrl })).statusCode).toBe(401);
  });

  it("refuses another person's upload id, and more files than a dossier may hold", async () => {
    const officersUpload = await uploaded(t.app, await desk.token('receiver.ninhkieu'), 'x.pdf', pdf);
    const stolen = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original', uploads: [officersUpload] }],
    });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('UPLOAD_NOT_FOUND');
    const token = await desk.token('citizen');
    const many = [];
    for (let i = 0; i < 6; i++) many.push(await uploaded(t.app, token, `trang-${i}.jpg`, jpeg()));
    const tooMany = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
      documents: [{ name: 'Giấy chứng sinh', form: 'copy', uploads: many }],
    });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('DOSSIER_FILES_LIMIT');
  });

  it('verifies an organisation’s signature on what it submits and shows the receiver the result', async () => {
    const pki = demoPkiPaths(inject('signingDir'));
    const root = await readPemBundle(await readFile(pki.authority, 'utf8'));
    const company = await issueCertificate(
      { certificate: root.certificate, privateKey: root.privateKey },
      { commonName: 'Công ty TNHH Thương mại Mê Kông', organization: 'Công ty TNHH Thương mại Mê Kông' },
      'documentSigning',
    );
    const signed = await signPdf(pdf, { ...company, chain: [root.certificate] }, { reason: 'Nộp hồ sơ' });
    const token = await desk.token('citizen');
    const good = await upload(t.app, token, 'de-nghi.pdf', signed);
    expect(good.json().signatures).toEqual([
      expect.objectContaining({
        signer: 'Công ty TNHH Thương mại Mê Kông',
        valid: true,
        intact: true,
        trusted: true,
        problems: [],
      }),
    ]);
    // One byte of the header's binary comment: every reader still opens it, the signature must not hold.
    const tampered = Buffer.from(signed);
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    const bad = await upload(t.app, token, 'de-nghi-da-sua.pdf', tampered);
    expect(bad.json().signatures[0]).toMatchObject({ valid: false, intact: false });
    const created = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original', uploads: [good.json().id] }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const files = await t.app.inject({
      url: `/api/dossiers/${created.json().code}/files`,
      headers: bearer(await desk.token('receiver.ninhkieu')),
    });
    expect(files.json().items[0].signatures[0]).toMatchObject({
      signer: 'Công ty TNHH Thương mại Mê Kông',
      valid: true,
    });
  });
});
