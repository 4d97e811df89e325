import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, birthForm, createOfficer, Desk, SXD, vnAt } from './dossier-fixtures.js';
import { bearer, type TestApp, type TestClock, testApp } from './helpers.js';
import { pdfText } from './pdf-text.js';

const OUT = path.join(import.meta.dirname, '..', 'test-results');

describe('one-stop forms as PDF (Circular 01/2018)', () => {
  const clock: TestClock = { now: vnAt('2026-11-23T09:00:00') };
  let t: TestApp;
  let desk: Desk;
  const codes: Record<string, string> = {};
  const fullName = 'Phạm Thị Ngọc Hường';

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    t = await testApp({ clock });
    desk = new Desk(t.app);
    for (const role of ['processor', 'agency_head', 'clerk'] as const)
      await createOfficer(t.db, `${role}.sxd`, role, SXD);
    const person = () => applicant({ fullName });

    const counter = await desk.intake('receiver', {
      procedureCode: '1.013233',
      channel: 'counter',
      applicant: person(),
      representative: {
        fullName: 'Đặng Văn Đức',
        idNumber: '092080001111',
        authorisation: 'Giấy ủy quyền số 12/UQ',
      },
      documents: [
        { name: 'Đơn đề nghị gia hạn giấy phép xây dựng', form: 'original', copies: 1 },
        { name: 'Bản chính giấy phép xây dựng đã được cấp', form: 'original', copies: 1 },
      ],
    });
    codes.receipt = counter.json().code;
    await desk.ok('receiver', codes.receipt as string, { action: 'forward' });
    clock.now = vnAt('2026-11-26T10:00:00');
    await desk.ok('agency_head.sxd', codes.receipt as string, {
      action: 'apologise',
      reason: 'Chờ kết quả kiểm tra hiện trường',
      newDueDate: '2026-12-03',
    });
    await desk.ok('processor.sxd', codes.receipt as string, { action: 'forward' });

    clock.now = vnAt('2026-11-23T10:00:00');
    const online = await desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: person(),
    });
    codes.supplement = online.json().code;
    await desk.ok('receiver.ninhkieu', codes.supplement as string, {
      action: 'request_supplement',
      items: ['Giấy chứng sinh (bản chính)', 'Giấy tờ tùy thân của người đi khai sinh'],
      reason: 'Hồ sơ chưa đủ thành phần',
    });

    const rejected = await desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: person(),
    });
    codes.rejection = rejected.json().code;
    await desk.ok('receiver.ninhkieu', codes.rejection as string, {
      action: 'reject',
      reason: 'Đã đăng ký khai sinh trước đó',
    });

    const withdrawn = await desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: person(),
    });
    codes.stop = withdrawn.json().code;
    await desk.ok('citizen', codes.stop as string, { action: 'withdraw', reason: 'Nộp nhầm thủ tục' });
  });
  afterAll(() => t.close());

  const cases: [string, string, string[]][] = [
    [
      'receipt',
      'receipt',
      [
        'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        'Đặng Văn Đức',
        'Đơn đề nghị gia hạn giấy phép xây dựng',
        '17:00 30/11/2026',
      ],
    ],
    [
      'supplement',
      'supplement',
      ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Giấy chứng sinh (bản chính)', 'Hồ sơ chưa đủ thành phần'],
    ],
    ['rejection', 'rejection', ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Đã đăng ký khai sinh trước đó']],
    [
      'apology',
      'receipt',
      ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Chờ kết quả kiểm tra hiện trường', '17:00 03/12/2026'],
    ],
    ['control-slip', 'receipt', ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'Sở Xây dựng', 'Đúng hạn']],
    ['stop', 'stop', ['THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ', 'Nộp nhầm thủ tục']],
  ];

  for (const [form, dossier, expected] of cases) {
    it(`renders ${form}.pdf with the applicant's name in Vietnamese, the code and its content`, async () => {
      const code = codes[dossier] as string;
      const owner = dossier === 'receipt' ? 'receiver' : 'citizen';
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${code}/forms/${form}.pdf`,
        headers: bearer(await desk.token(owner)),
      });
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const pdf = response.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      // The process-control slip (Mẫu 05) names agencies and officers, not the applicant.
      if (form !== 'control-slip') expect(text).toContain(fullName);
      expect(text.replace(/\s+/g, '')).toContain(code);
      for (const fragment of expected) expect(text).toContain(fragment);

      const parser = new PDFParse({ data: new Uint8Array(pdf) });
      const shot = await parser.getScreenshot({ first: 1, scale: 1.5, imageBuffer: true });
      await parser.destroy();
      const png = shot.pages[0]?.data;
      expect(png && Buffer.from(png).subarray(1, 4).toString()).toBe('PNG');
      await writeFile(path.join(OUT, `form-${form}.png`), png as Uint8Array);
    });
  }

  it('offers a form only once the dossier has reached it, and only to those who may read the dossier', async () => {
    const notYet = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${codes.stop}/forms/receipt.pdf`,
      headers: bearer(await desk.token('citizen')),
    });
    expect(notYet.statusCode).toBe(404);
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${codes.receipt}/forms/control-slip.pdf`,
      headers: bearer(await desk.token('processor.ninhkieu')),
    });
    expect(stranger.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${codes.receipt}/forms/invoice.pdf`,
      headers: bearer(await desk.token('receiver')),
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('prints the yearly logbook (A4) for officers of the receiving centre only', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/logbook.pdf?agency=000.00.01.H13&year=2026',
      headers: bearer(await desk.token('receiver')),
    });
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text.replace(/\s+/g, '')).toContain(codes.receipt);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/logbook.pdf?agency=000.00.01.H13&year=2026',
      headers: bearer(await desk.token('receiver.ninhkieu')),
    });
    expect(denied.statusCode).toBe(403);
  });
});
