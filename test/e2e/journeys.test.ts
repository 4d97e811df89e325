import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoFromDay, localDay } from '../../src/calendar/dates.js';
import { shippedClock } from '../../src/calendar/test-clock.js';
import { samplePdf } from '../../src/documents/signing/test-fixtures.js';
import { jpeg } from '../../src/documents/test-samples.js';
import { applicant, birthDocuments, birthForm, Desk } from '../dossier-fixtures.js';
import {
  count,
  focused,
  hasText,
  keepScreenshot,
  login,
  newUser,
  PHONE,
  scan,
  shown,
  webForFile,
} from './browser.js';

const web = webForFile();
let code = '';
/** Birth registration's declaration and birth certificate, by the names the catalogue publishes. */
let FORM = '';
let BIRTH_CERTIFICATE = '';
beforeAll(async () => {
  ({ form: FORM, birthCertificate: BIRTH_CERTIFICATE } = await birthDocuments(web().app.app));
});

async function openDossier(page: Page, dossierCode: string) {
  await page.goto('/can-bo');
  await page.getByLabel('Tìm hồ sơ (mã, tên người nộp, số định danh)').fill(dossierCode);
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('link', { name: dossierCode }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(dossierCode);
}

/** Opens an action of the dossier page, fills what it needs, and waits for the confirmation. */
async function act(page: Page, name: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const details = page.locator('details.action', { has: page.getByText(name, { exact: true }) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
  const form = details.locator('form');
  if (fill) await fill(form);
  await form.getByRole('button', { name, exact: true }).click();
  await shown(page.getByRole('status').filter({ hasText: `Đã thực hiện: ${name}` }));
}

async function officer(username: string, steps: (page: Page) => Promise<void>) {
  const { context, page } = await newUser(web());
  await login(page, username);
  await openDossier(page, code);
  await steps(page);
  await context.close();
}

describe('web journeys in a real browser', { timeout: 180_000 }, () => {
  it('a citizen finds birth registration without diacritics and submits it online', async () => {
    const { context, page } = await newUser(web(), PHONE);
    await page.goto('/');
    await page.getByLabel('Tên hoặc mã thủ tục').fill('dang ky khai sinh');
    const result = page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true });
    await shown(result);
    await scan(page, 'home with results');
    await keepScreenshot(page, 'home');
    await result.click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Thủ tục đăng ký khai sinh');
    await shown(page.getByText(BIRTH_CERTIFICATE).first());
    await scan(page, 'procedure page');
    await keepScreenshot(page, 'procedure');

    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.getByRole('link', { name: 'Đăng nhập để nộp hồ sơ' }).click();
    await scan(page, 'login');
    await page.getByLabel('Tên đăng nhập').fill('citizen');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // Applicant: an empty page shows the error summary, each message linked to its field.
    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin người nộp hồ sơ');
    await page.getByLabel('Số định danh cá nhân', { exact: true }).fill('12345');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await shown(summary);
    await shown(summary.getByRole('link', { name: /Số định danh cá nhân gồm 12 chữ số/ }));
    await scan(page, 'applicant with errors');
    await keepScreenshot(page, 'apply-errors');
    await summary.getByRole('link', { name: /Số định danh/ }).click();
    expect(await focused(page.getByLabel('Số định danh cá nhân'))).toBe(true);
    await page.getByLabel('Số định danh cá nhân', { exact: true }).fill('079201001234');
    await page.getByLabel('Ngày sinh', { exact: true }).fill('1990-04-12');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    await page.getByLabel('Địa chỉ (số nhà, đường, khu vực)').fill('12 Hòa Bình');
    await page.getByLabel('Phường, xã nơi cư trú').selectOption({ label: 'Phường Ninh Kiều' });
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // E-form, one question group per page; the draft survives a reload.
    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin người được khai sinh');
    await page.getByLabel('Họ, chữ đệm, tên của trẻ').fill('Nguyễn Thị Mai');
    await page.reload();
    expect(await page.getByLabel('Họ, chữ đệm, tên của trẻ').inputValue()).toBe('Nguyễn Thị Mai');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await shown(summary.getByRole('link', { name: /Giới tính/ }));
    await scan(page, 'e-form group with errors');
    await page.getByLabel('Ngày, tháng, năm sinh').fill('2026-11-02');
    await page.getByLabel('Nữ').check();
    await page.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa thành phố Cần Thơ');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin cha, mẹ');
    await page.getByLabel('Họ, chữ đệm, tên người mẹ').fill('Trần Thị Lan');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByLabel('Quan hệ với người được khai sinh').fill('Mẹ');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Giấy tờ kèm theo');
    // The portal labels each document "name — form" (original, copy…).
    await page.getByRole('checkbox', { name: `${FORM} — ` }).check();
    await page.getByRole('checkbox', { name: `${BIRTH_CERTIFICATE} — ` }).check();
    // Two documents from the phone: the form as a PDF, the birth certificate as a photo.
    await page
      .getByLabel(`Tệp của “${FORM}”`, { exact: true })
      .setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: await samplePdf() });
    await shown(page.getByRole('list', { name: `Tệp đã tải lên cho “${FORM}”`, exact: true }));
    await page
      .getByLabel(`Tệp của “${BIRTH_CERTIFICATE}”`, { exact: true })
      .setInputFiles({ name: 'giay-chung-sinh.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
    await shown(page.getByRole('list', { name: `Tệp đã tải lên cho “${BIRTH_CERTIFICATE}”`, exact: true }));
    await scan(page, 'documents checklist');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Check answers; "change" goes back to the page and returns here.
    await hasText(page.getByRole('heading', { level: 1 }), 'Kiểm tra lại thông tin');
    await shown(page.getByText('Nguyễn Thị Mai'));
    await shown(page.getByText('02/11/2026'));
    await scan(page, 'check answers');
    await keepScreenshot(page, 'check-answers');
    await page.getByRole('link', { name: 'Thay đổi Họ, chữ đệm, tên người mẹ' }).click();
    await page.getByLabel('Họ, chữ đệm, tên người mẹ').fill('Trần Thị Lan Anh');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Kiểm tra lại thông tin');
    await shown(page.getByText('Trần Thị Lan Anh'));
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Cam đoan và nộp hồ sơ');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await shown(summary.getByRole('link', { name: 'Cần xác nhận lời cam đoan' }));
    await page.getByLabel(/Tôi cam đoan/).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Đã nộp hồ sơ');
    code = (await page.getByTestId('dossier-code').textContent()) ?? '';
    expect(code).toMatch(/^000\.31135\.H13-\d{6}-\d{4,}$/);
    const qr = page.getByRole('img', { name: 'Mã QR để tra cứu hồ sơ' });
    await shown(qr);
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await scan(page, 'confirmation');
    await keepScreenshot(page, 'confirmation');
    // The dossier really exists, filed once, with the e-form as typed.
    const stored = await web()
      .app.db.kysely.selectFrom('dossiers')
      .select(['status', 'channel', 'form_data', 'documents'])
      .where('code', '=', code)
      .execute();
    expect(stored).toHaveLength(1);
    // Stored in the order the procedure lists them, whatever the order they were ticked in.
    const documents = stored[0]?.documents as { name: string }[];
    expect(documents).toHaveLength(2);
    expect(documents.find((d) => d.name === FORM)).toMatchObject({
      origin: 'upload',
      files: [{ name: 'to-khai.pdf', pages: 1 }],
    });
    expect(documents.find((d) => d.name === BIRTH_CERTIFICATE)).toMatchObject({
      origin: 'upload',
      files: [{ name: 'giay-chung-sinh.jpg', mime: 'image/jpeg' }],
    });
    expect(stored[0]).toMatchObject({ status: 'submitted', channel: 'online' });
    expect(stored[0]?.form_data).toMatchObject({
      childFullName: 'Nguyễn Thị Mai',
      motherFullName: 'Trần Thị Lan Anh',
    });
    await context.close();
  });

  it('the receiver accepts it and processors move it through every step to the returned result', async () => {
    expect(code).not.toBe('');
    await officer('receiver.ninhkieu', async (page) => {
      await scan(page, 'officer dossier page');
      await keepScreenshot(page, 'officer-dossier');
      // Only the actions of this step are offered.
      await hasText(page.locator('details.action summary'), [
        'Tiếp nhận',
        'Yêu cầu bổ sung',
        'Từ chối tiếp nhận',
        'Số hóa hồ sơ giấy',
        'Rút hồ sơ',
      ]);
      await act(page, 'Tiếp nhận');
      await act(page, 'Chuyển bước tiếp theo');
      // Once forwarded, the front desk may only withdraw it on the applicant's behalf.
      await hasText(page.locator('details.action summary'), ['Rút hồ sơ']);
    });
    await officer('processor.ninhkieu', async (page) => {
      await act(page, 'Chuyển bước tiếp theo');
    });
    await officer('agency_head.ninhkieu', async (page) => {
      await act(page, 'Phê duyệt');
    });
    await officer('clerk.ninhkieu', async (page) => {
      await act(page, 'Ký số');
      await act(page, 'Ban hành kết quả', (form) => form.getByLabel('Số, ký hiệu kết quả').fill('125/TLKS'));
    });
    await officer('receiver.ninhkieu', async (page) => {
      await act(page, 'Trả kết quả', async (form) => {
        await form.getByLabel('Hình thức trả').selectOption('counter');
      });
      await shown(page.getByText('Đã trả kết quả').first());
    });
  });

  it('the citizen tracks it, sees the result and downloads the receipt', async () => {
    const { context, page } = await newUser(web(), PHONE);
    await page.goto('/tra-cuu');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await shown(page.getByRole('alert').getByRole('link', { name: 'Nhập mã hồ sơ' }));
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.getByRole('region', { name: code });
    await shown(result.getByText('Đã trả kết quả').first());
    await shown(result.getByText('Giải quyết', { exact: true }));
    await count(result.getByText('Nguyễn'), 0);
    await scan(page, 'public tracking');
    await keepScreenshot(page, 'tracking');

    await login(page, 'citizen');
    await page.goto('/ho-so-cua-toi');
    await page.getByRole('link', { name: code }).click();
    await shown(page.getByText('Ban hành kết quả'));
    // The officers who opened it, by agency and role (the audit trail, issue 15).
    const access = page.getByRole('region', { name: 'Cán bộ đã xem hồ sơ' });
    await shown(access.getByText('Công chức Bộ phận Một cửa').first());
    await scan(page, 'my dossier');
    await keepScreenshot(page, 'my-dossier');
    const href = await page.getByRole('link', { name: 'Tải giấy tiếp nhận (PDF)' }).getAttribute('href');
    const pdf = await context.request.get(href ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.goto('/ho-so-cua-toi');
    await scan(page, 'my dossiers');
    await context.close();
  });

  it('a supplement request shows the applicant what to add, and they resubmit', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'citizen');
    const filed = await context.request.post('/api/dossiers', {
      // Sent outside a page, so without the Origin a browser adds: the same-origin check asks for it.
      headers: { 'idempotency-key': `e2e-supplement-${Date.now()}`, origin: web().baseUrl },
      data: {
        procedureCode: '1.001193',
        channel: 'online',
        applicant: {
          kind: 'person',
          fullName: 'Lê Văn Tám',
          idNumber: '079201009999',
          birthDate: '1988-01-01',
          phone: '0912000111',
          address: { line: '5 Mậu Thân', wardCode: '31135' },
        },
        documents: [{ name: FORM, form: 'copy' }],
        formData: {
          childFullName: 'Lê Văn Tí',
          childBirthDate: '2026-11-01',
          childSex: 'Nam',
          birthPlace: 'Cần Thơ',
          motherFullName: 'Phạm Thị Hoa',
          relationship: 'Cha',
        },
      },
    });
    expect(filed.status()).toBe(201);
    const supplementCode = (await filed.json()).code as string;
    const saved = code;
    code = supplementCode;
    await officer('receiver.ninhkieu', async (officerPage) => {
      await act(officerPage, 'Yêu cầu bổ sung', async (form) => {
        await form
          .getByLabel('Nội dung cần bổ sung (mỗi dòng một nội dung)')
          .fill('Giấy chứng sinh (bản chính)\nBản sao căn cước của mẹ');
        await form.getByLabel('Lý do').fill('Thiếu giấy chứng sinh và căn cước của mẹ');
      });
    });
    code = saved;

    await page.goto(`/ho-so-cua-toi/${encodeURIComponent(supplementCode)}`);
    const panel = page.getByRole('region', { name: 'Cần bổ sung hồ sơ' });
    await shown(panel.getByText('Thiếu giấy chứng sinh và căn cước của mẹ'));
    await count(panel.getByRole('checkbox'), 2);
    await scan(page, 'supplement request');
    await keepScreenshot(page, 'supplement');
    // A photo of the birth certificate goes with it (choosing a file ticks the item); the other is ticked only.
    await panel
      .getByLabel('Tệp của “Giấy chứng sinh (bản chính)”')
      .setInputFiles({ name: 'giay-chung-sinh-bo-sung.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
    expect(await panel.getByLabel('Giấy chứng sinh (bản chính)', { exact: true }).isChecked()).toBe(true);
    await panel.getByLabel('Bản sao căn cước của mẹ', { exact: true }).check();
    await panel.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await shown(page.getByText('Mới đăng ký, chờ tiếp nhận').first());
    await count(page.getByRole('region', { name: 'Cần bổ sung hồ sơ' }), 0);
    const files = async () =>
      (
        (await (await context.request.get(`/api/dossiers/${supplementCode}/files`)).json()) as {
          items: { documentName: string; name: string; origin: string }[];
        }
      ).items;
    expect(
      (await files()).filter((f) => f.documentName === 'Giấy chứng sinh (bản chính)').map((f) => f.name),
    ).toEqual(['giay-chung-sinh-bo-sung.jpg']);

    // Asked again, the applicant brings the paper to the counter: the receiver scans it with the supplement.
    code = supplementCode;
    await officer('receiver.ninhkieu', async (officerPage) => {
      await act(officerPage, 'Yêu cầu bổ sung', async (form) => {
        await form.getByLabel('Nội dung cần bổ sung (mỗi dòng một nội dung)').fill('Sổ hộ khẩu (bản sao)');
        await form.getByLabel('Lý do').fill('Cần thêm giấy tờ về nơi cư trú');
      });
      await act(officerPage, 'Nộp bổ sung', async (form) => {
        const item = form.getByRole('checkbox', { name: 'Sổ hộ khẩu (bản sao)', exact: true });
        expect(await item.isChecked()).toBe(false);
        // Scanning what was asked for ticks it as brought.
        await form
          .getByLabel('Bản quét của “Sổ hộ khẩu (bản sao)”')
          .setInputFiles({ name: 'so-ho-khau.pdf', mimeType: 'application/pdf', buffer: await samplePdf() });
        expect(await item.isChecked()).toBe(true);
        await form.getByLabel('Giấy tờ khác nộp thêm (mỗi dòng một giấy tờ)').fill('Giấy xác nhận cư trú');
      });
    });
    code = saved;
    const scanned = (await files()).filter((f) => f.documentName === 'Sổ hộ khẩu (bản sao)');
    expect(scanned.map((f) => [f.name, f.origin])).toEqual([['so-ho-khau.pdf', 'upload']]);
    const events = (
      (await (await context.request.get(`/api/dossiers/${supplementCode}/events`)).json()) as {
        items: { action: string; payload: { documents?: { name: string }[] } }[];
      }
    ).items;
    expect(events.at(-1)?.payload.documents?.map((d) => d.name)).toEqual([
      'Sổ hộ khẩu (bản sao)',
      'Giấy xác nhận cư trú',
    ]);
    await context.close();
  });

  it('an officer asks for a payment found due, the applicant sees it, and the desk records the receipt', async () => {
    const desk = new Desk(web().app.app);
    const filed = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      documents: [{ name: FORM, form: 'original' }],
      formData: birthForm,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const paymentCode = filed.json().code as string;
    // A working day about two weeks ahead, by the shipped calendar.
    const payBy = isoFromDay(shippedClock.calendar.nextWorkingDay(localDay(Date.now()) + 14));
    await desk.ok('receiver.ninhkieu', paymentCode, { action: 'accept' });
    await desk.ok('receiver.ninhkieu', paymentCode, { action: 'forward' });
    const saved = code;
    code = paymentCode;
    await officer('processor.ninhkieu', async (page) => {
      await act(page, 'Yêu cầu nộp nghĩa vụ tài chính', async (form) => {
        await form.getByLabel('Số tiền (đồng)').fill('8000');
        await form.getByLabel('Nội dung nghĩa vụ tài chính').fill('Lệ phí cấp bản sao trích lục khai sinh');
        await form.getByLabel('Hạn nộp (nếu có)').fill(payBy);
      });
      await shown(page.getByText('Chờ thực hiện nghĩa vụ tài chính').first());
    });

    const { context, page } = await newUser(web(), PHONE);
    await login(page, 'citizen');
    await page.goto(`/ho-so-cua-toi/${encodeURIComponent(paymentCode)}`);
    const panel = page.getByRole('region', { name: 'Cần thực hiện nghĩa vụ tài chính' });
    await shown(panel.getByText(/Số tiền 8\.000 đồng — Lệ phí cấp bản sao trích lục khai sinh/));
    // The last day is shown at the close of office hours, in Vietnam time.
    await shown(panel.getByText(`Hạn nộp: ${payBy.split('-').reverse().join('/')} 17:00.`, { exact: false }));
    await scan(page, 'payment due');
    await context.close();

    await officer('receiver.ninhkieu', async (page) => {
      await act(page, 'Xác nhận đã nộp', async (form) => {
        await form.getByLabel('Số biên lai hoặc mã giao dịch').fill('BL-2026-0042');
      });
    });
    code = saved;
    const after = await desk.get('receiver.ninhkieu', paymentCode);
    expect(after.json()).toMatchObject({ status: 'processing', nationalStatus: 4 });
  });

  it('a receiver takes a dossier at the counter and prints the receipt', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'receiver');
    await page.goto('/can-bo/tiep-nhan');
    await page.getByLabel('Thủ tục').fill('khai sinh');
    await page.getByRole('button', { name: /Thủ tục đăng ký khai sinh\s+1\.001193/ }).click();
    await shown(page.getByText('Đã chọn: Thủ tục đăng ký khai sinh'));
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' }));
    await scan(page, 'counter intake with errors');
    await page.getByLabel('Họ, chữ đệm và tên', { exact: true }).fill('Võ Thị Hạnh');
    await page.getByLabel('Số định danh cá nhân', { exact: true }).fill('092195004321');
    await page.getByLabel('Ngày sinh', { exact: true }).fill('1995-06-30');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0939123456');
    await page.getByLabel('Địa chỉ (số nhà, đường, khu vực)', { exact: true }).fill('88 Trần Hưng Đạo');
    await page.getByLabel('Phường, xã nơi cư trú').selectOption({ label: 'Phường Ninh Kiều' });
    await page.getByLabel('Họ, chữ đệm, tên của trẻ', { exact: true }).fill('Võ Minh Khang');
    await page.getByLabel('Ngày, tháng, năm sinh', { exact: true }).fill('2026-11-10');
    await page.getByLabel('Nam', { exact: true }).check();
    await page.getByLabel('Nơi sinh', { exact: true }).fill('Cần Thơ');
    await page.getByLabel('Họ, chữ đệm, tên người mẹ', { exact: true }).fill('Võ Thị Hạnh');
    await page.getByLabel('Quan hệ với người được khai sinh', { exact: true }).fill('Mẹ');
    await page.getByRole('checkbox', { name: FORM, exact: true }).check();
    await page.getByRole('checkbox', { name: BIRTH_CERTIFICATE, exact: true }).check();
    await page.getByLabel(`Bản: ${BIRTH_CERTIFICATE}`, { exact: true }).selectOption('original');
    await keepScreenshot(page, 'counter');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn' }).click();
    const counterCode = (await page.getByTestId('dossier-code').textContent()) ?? '';
    expect(counterCode).toMatch(/^000\.00\.01\.H13-\d{6}-\d{4,}$/);
    await shown(page.getByText(/Ngày hẹn trả: \d{2}\/\d{2}\/\d{4}/));
    await scan(page, 'counter receipt');
    const href = await page.getByTestId('receipt-link').getAttribute('href');
    const pdf = await context.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const stored = await web()
      .app.db.kysely.selectFrom('dossiers')
      .select(['status', 'channel', 'documents'])
      .where('code', '=', counterCode)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'accepted', channel: 'counter' });
    expect(stored.documents).toHaveLength(2);
    await context.close();
  });
});
