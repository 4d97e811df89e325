import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../src/documents/signing/test-fixtures.js';
import { jpeg } from '../../src/documents/test-samples.js';
import { applicant, birthDocuments, birthForm, Desk } from '../dossier-fixtures.js';
import { uploaded } from '../upload-fixtures.js';
import { hasText, keepScreenshot, login, newUser, PHONE, scan, shown, webForFile } from './browser.js';

const web = webForFile();
const WARD = 'Ủy ban nhân dân phường Ninh Kiều';
/** The declaration and the birth certificate, by the names the catalogue publishes. */
let FORM: string;
let BIRTH_CERTIFICATE: string;
beforeAll(async () => {
  ({ form: FORM, birthCertificate: BIRTH_CERTIFICATE } = await birthDocuments(web().app.app));
});

/** Opens an action of the officer's dossier page and returns its form. */
async function openAction(page: Page, name: string) {
  const details = page.locator('details.action', { has: page.getByText(name, { exact: true }) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  return details.locator('form');
}

async function submitAction(page: Page, form: ReturnType<Page['locator']>, name: string) {
  await form.getByRole('button', { name, exact: true }).click();
  // Uploading, sealing or signing takes a while on a loaded machine.
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thực hiện: ${name}` })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * An online dossier with two uploaded documents, taken by the ward's officers (through the API) to a signed
 * electronic result issued to the citizen.
 */
async function signedResultForCitizen(): Promise<string> {
  const { app } = web().app;
  const desk = new Desk(app);
  const pdf = await samplePdf();
  const citizen = await desk.token('citizen');
  const submitted = await desk.intake('citizen', {
    procedureCode: '1.001193',
    channel: 'online',
    applicant: applicant(),
    formData: birthForm,
    documents: [
      { name: FORM, form: 'original', uploads: [await uploaded(app, citizen, 'to-khai.pdf', pdf)] },
      {
        name: BIRTH_CERTIFICATE,
        form: 'copy',
        uploads: [await uploaded(app, citizen, 'giay-chung-sinh.jpg', jpeg())],
      },
    ],
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const code = submitted.json().code as string;
  await desk.ok('receiver.ninhkieu', code, { action: 'accept' });
  await desk.ok('receiver.ninhkieu', code, { action: 'forward' });
  await desk.ok('processor.ninhkieu', code, { action: 'forward' });
  await desk.ok('agency_head.ninhkieu', code, { action: 'approve' });
  const draft = await uploaded(app, await desk.token('clerk.ninhkieu'), 'giay-khai-sinh.pdf', pdf);
  await desk.ok('clerk.ninhkieu', code, {
    action: 'attach_result',
    uploads: [draft],
    kind: 'electronic',
    title: 'Giấy khai sinh',
  });
  await desk.ok('clerk.ninhkieu', code, { action: 'sign' });
  await desk.ok('clerk.ninhkieu', code, { action: 'issue_result' });
  return code;
}

describe('signed results in a real browser', { timeout: 240_000 }, () => {
  it('the citizen downloads the signed result on a phone, verifies it on /xac-thuc and finds it in the wallet', async () => {
    const code = await signedResultForCitizen();
    const { context, page } = await newUser(web(), PHONE);
    await login(page, 'citizen');

    await page.goto(`/ho-so-cua-toi/${code}`);
    const link = page.getByRole('link', { name: 'Tải kết quả điện tử đã ký số (PDF)' });
    await shown(link);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.goto('/xac-thuc');
    await hasText(page.getByRole('heading', { level: 1 }), 'Xác thực văn bản điện tử');
    await scan(page, 'verification, empty');
    await page.getByRole('button', { name: 'Xác thực', exact: true }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Chọn tệp PDF cần xác thực' }));
    await page
      .getByLabel('Tệp PDF cần xác thực')
      .setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.getByRole('button', { name: 'Xác thực', exact: true }).click();
    const result = page.getByRole('region', { name: 'Kết quả xác thực' });
    await shown(result);
    await shown(result.getByText(code, { exact: true }));
    await shown(result.getByText(WARD, { exact: true }).first());
    await hasText(result.locator('dt:text("Nguyên vẹn từ khi ký") + dd'), 'Có');
    await hasText(result.locator('dt:text("Chứng thư được tin cậy") + dd'), 'Có');
    await scan(page, 'verification result');
    await keepScreenshot(page, 'verify-result');

    // One byte changed: the page says the file is not the one signed.
    const tampered = Buffer.from(bytes);
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    await page
      .getByLabel('Tệp PDF cần xác thực')
      .setInputFiles({ name: 'ket-qua-sua.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.getByRole('button', { name: 'Xác thực', exact: true }).click();
    await hasText(result.locator('dt:text("Nguyên vẹn từ khi ký") + dd'), 'Không');

    await page.goto('/kho-du-lieu');
    await hasText(page.getByRole('heading', { level: 1 }), 'Kho dữ liệu của tôi');
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Giấy khai sinh' }) });
    await shown(item);
    await shown(item.getByText(WARD, { exact: true }).first());
    await shown(item.getByText(code, { exact: true }));
    await scan(page, 'wallet');
    await keepScreenshot(page, 'wallet');

    // A second dossier: the citizen comes back to a draft this browser kept (applicant and e-form filled) and,
    // at the documents page, reuses the declaration accepted in the first dossier instead of uploading it.
    await page.evaluate((draft) => localStorage.setItem('motcua.draft.1.001193', JSON.stringify(draft)), {
      applicant: {
        fullName: 'Nguyễn Thị Hồng Nhung',
        idNumber: '092190012345',
        birthDate: '1990-05-12',
        phone: '0901234567',
        email: '',
        line: '12 Trần Hưng Đạo',
        wardCode: '31135',
      },
      form: { ...birthForm, childFullName: 'Trần Gia Huy' },
      documents: {},
      files: {},
      wallet: {},
      reuseConsent: false,
      idempotencyKey: crypto.randomUUID(),
    });
    await page.goto('/thu-tuc/1.001193/nop/giay-to');
    await hasText(page.getByRole('heading', { level: 1 }), 'Giấy tờ kèm theo');
    const formCard = page
      .locator('.card')
      .filter({ has: page.getByRole('checkbox', { name: `${FORM} — ` }) });
    const reuse = formCard.getByLabel('Dùng lại từ kho dữ liệu');
    const offered = reuse.locator('option').filter({ hasText: code });
    await offered.waitFor({ state: 'attached' });
    const itemId = Number(await offered.getAttribute('value'));
    expect(itemId).toBeGreaterThan(0);
    await reuse.selectOption(String(itemId));
    // Reused, the declaration needs no file; the birth certificate is a new photo.
    expect(await formCard.getByLabel(`Tệp của “${FORM}”`, { exact: true }).count()).toBe(0);
    await page.getByRole('checkbox', { name: `${BIRTH_CERTIFICATE} — ` }).check();
    await page
      .getByLabel(`Tệp của “${BIRTH_CERTIFICATE}”`, { exact: true })
      .setInputFiles({ name: 'giay-chung-sinh-2.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
    await shown(page.getByRole('list', { name: `Tệp đã tải lên cho “${BIRTH_CERTIFICATE}”`, exact: true }));
    // Reuse needs the applicant's consent, asked for on the same page.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await shown(page.getByRole('alert').getByText('Cần đồng ý cho sử dụng lại giấy tờ từ kho dữ liệu'));
    await scan(page, 'documents with a wallet item chosen');
    await keepScreenshot(page, 'apply-wallet-reuse');
    await page.getByLabel(/Tôi đồng ý cho cơ quan giải quyết sử dụng lại/).check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Kiểm tra lại thông tin');
    await shown(page.getByText(`${FORM} (dùng lại từ kho dữ liệu)`, { exact: false }));
    await shown(page.getByText(`${BIRTH_CERTIFICATE} (1 tệp tải lên)`, { exact: false }));
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Cam đoan và nộp hồ sơ');
    await page.getByLabel(/Tôi cam đoan/).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Đã nộp hồ sơ');
    const second = (await page.getByTestId('dossier-code').textContent()) ?? '';
    expect(second).not.toBe(code);
    const stored = await web()
      .app.db.kysely.selectFrom('dossiers')
      .select(['documents', 'channel'])
      .where('code', '=', second)
      .executeTakeFirstOrThrow();
    const documents = stored.documents as { name: string; origin: string; walletItemId?: number }[];
    expect(stored.channel).toBe('online');
    expect(documents.find((d) => d.name === FORM)).toMatchObject({ origin: 'wallet', walletItemId: itemId });
    expect(documents.find((d) => d.name === BIRTH_CERTIFICATE)).toMatchObject({ origin: 'upload' });
    await context.close();
  });

  it('a receiver scans a paper dossier at the counter; the clerk attaches the result and signs it', async () => {
    const { app } = web().app;
    const desk = new Desk(app);
    const received = await desk.intake('receiver.ninhkieu', {
      procedureCode: '1.001193',
      channel: 'counter',
      applicant: applicant(),
      formData: birthForm,
      documents: [
        { name: FORM, form: 'original' },
        { name: BIRTH_CERTIFICATE, form: 'original' },
      ],
    });
    expect(received.statusCode, received.body).toBe(201);
    const code = received.json().code as string;

    const receiver = await newUser(web());
    await login(receiver.page, 'receiver.ninhkieu');
    await receiver.page.goto(`/can-bo/ho-so/${code}`);
    const digitise = await openAction(receiver.page, 'Số hóa hồ sơ giấy');
    await digitise.getByLabel(`Bản quét của “${FORM}”`).setInputFiles([
      { name: 'trang-1.jpg', mimeType: 'image/jpeg', buffer: jpeg() },
      { name: 'trang-2.pdf', mimeType: 'application/pdf', buffer: await samplePdf() },
    ]);
    await digitise.getByLabel(`Không số hóa “${BIRTH_CERTIFICATE}”`).selectOption('shown_only');
    await digitise
      .getByLabel(`Lý do không số hóa “${BIRTH_CERTIFICATE}”`)
      .fill('Bản chính chỉ xuất trình để đối chiếu');
    await scan(receiver.page, 'counter digitisation');
    await submitAction(receiver.page, digitise, 'Số hóa hồ sơ giấy');
    const files = receiver.page.getByRole('region', { name: 'Tệp của hồ sơ' });
    await shown(files.getByRole('link', { name: `${FORM}: trang-1.jpg` }));
    await shown(files.getByRole('link', { name: `${FORM}: trang-2.pdf` }));
    await shown(files.getByText('biên bản số hóa đã ký số', { exact: false }));
    await keepScreenshot(receiver.page, 'counter-digitised');
    await receiver.context.close();

    await desk.ok('receiver.ninhkieu', code, { action: 'forward' });
    await desk.ok('processor.ninhkieu', code, { action: 'forward' });
    await desk.ok('agency_head.ninhkieu', code, { action: 'approve' });

    const clerk = await newUser(web());
    await login(clerk.page, 'clerk.ninhkieu');
    await clerk.page.goto(`/can-bo/ho-so/${code}`);
    const attach = await openAction(clerk.page, 'Đính kèm kết quả');
    await attach.getByLabel('Tên kết quả (ví dụ: Giấy khai sinh)').fill('Giấy khai sinh');
    await attach
      .getByLabel('Tệp kết quả')
      .setInputFiles({ name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: await samplePdf() });
    await scan(clerk.page, 'attach result');
    await submitAction(clerk.page, attach, 'Đính kèm kết quả');
    await submitAction(clerk.page, await openAction(clerk.page, 'Ký số'), 'Ký số');
    await shown(
      clerk.page
        .getByRole('region', { name: 'Tệp của hồ sơ' })
        .getByText('kết quả đã ký số', { exact: false }),
    );
    await clerk.context.close();
    const result = await app.inject({
      url: `/api/dossiers/${code}/result.pdf`,
      headers: { authorization: `Bearer ${await desk.token('clerk.ninhkieu')}` },
    });
    expect(result.statusCode).toBe(200);
  });
});
