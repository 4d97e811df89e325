import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationHandler } from '../../src/integrations/notifications/deliver.js';
import { smtpEmailSender } from '../../src/integrations/notifications/email.js';
import { MailSimulator } from '../../src/integrations/notifications/mail-simulator.js';
import { NOTIFICATIONS_HANDLER } from '../../src/integrations/notifications/model.js';
import { registerNotificationsConsumer } from '../../src/integrations/notifications/register.js';
import { httpPopulationRegistry } from '../../src/integrations/population/http-client.js';
import type { PopulationRegistry } from '../../src/integrations/population/port.js';
import { PopulationSimulator } from '../../src/integrations/population/simulator.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { Desk } from '../dossier-fixtures.js';
import { finishDossier, until } from '../integration-fixtures.js';
import { keepScreenshot, login, newUser, scan, shown, webForFile } from './browser.js';

const registry = new PopulationSimulator();
const mailbox = new MailSimulator();
// The server is built before the simulator has its port: the registry is resolved on each lookup.
const population: PopulationRegistry = {
  lookup: (request) =>
    httpPopulationRegistry({
      baseUrl: registry.url,
      apiKey: 'population-demo-key',
      agencyCode: '000.00.01.H13',
      timeoutMs: 3_000,
    }).lookup(request),
};
const web = webForFile({ population });
const APPLICANT_MAIL = 'nhung.nguyen@example.vn';

async function mailsTo(address: string) {
  return Promise.all(mailbox.received.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
}

describe('the counter with the national systems, in a real browser', { timeout: 180_000 }, () => {
  let worker: OutboxWorker;
  let email: ReturnType<typeof smtpEmailSender>;

  beforeAll(async () => {
    await registry.start();
    await mailbox.start();
    const db = web().app.db.kysely;
    await registerNotificationsConsumer(db);
    email = smtpEmailSender({
      ...mailbox.address,
      secure: false,
      ignoreTls: true,
      user: 'motcua',
      password: 'mail-demo',
      from: 'Trung tâm Phục vụ hành chính công <khong-tra-loi@cantho.example>',
      timeoutMs: 3_000,
    });
    worker = new OutboxWorker(
      db,
      {
        [NOTIFICATIONS_HANDLER]: notificationHandler({
          db,
          senders: { email },
          publicUrl: web().baseUrl,
          contactLine: 'Bộ phận Một cửa, điện thoại 0292 3 820 000',
        }),
      },
      { pollMs: 50 },
    );
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    email?.close();
    await mailbox.stop();
    await registry.stop();
  });

  it('a receiver types an identity number, consents for the applicant, the form fills; the applicant is mailed the receipt, then the result', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'receiver');
    await page.goto('/can-bo/tiep-nhan');
    await page.getByLabel('Thủ tục').fill('ly lich tu phap');
    await page
      .getByRole('button', { name: /Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam.*3\.000333/ })
      .click();
    await shown(page.getByText(/Đã chọn: Cấp Phiếu Lý lịch tư pháp/));

    const lookUp = page.getByRole('button', { name: 'Tra cứu và điền sẵn' });
    const idToLookUp = page.getByLabel('Số định danh cá nhân cần tra cứu');
    // Without consent nothing is asked.
    await idToLookUp.fill('092190000001');
    await lookUp.click();
    await shown(page.getByText('Cần sự đồng ý của người nộp trước khi tra cứu'));
    expect(registry.lookups).toHaveLength(0);

    // Nobody found: a message, and the form stays empty and usable by hand.
    await page.getByLabel('Người nộp đồng ý cho khai thác thông tin của mình để điền tờ khai').check();
    await idToLookUp.fill('092000000000');
    await lookUp.click();
    await shown(
      page
        .getByRole('status')
        .filter({ hasText: 'Không tìm thấy' })
        .filter({ hasText: 'nhập thông tin thủ công' }),
    );
    expect(await page.getByLabel('Họ, chữ đệm và tên').inputValue()).toBe('');

    await idToLookUp.fill('092190000001');
    await lookUp.click();
    await shown(
      page.getByRole('status').filter({ hasText: 'Đã điền họ tên, ngày sinh và địa chỉ thường trú' }),
    );
    const requestId = registry.lookups.at(-1)?.requestId ?? 'none';
    expect(await page.getByLabel('Họ, chữ đệm và tên').inputValue()).toBe('Nguyễn Thị Hồng Nhung');
    expect(await page.getByLabel('Số định danh cá nhân', { exact: true }).inputValue()).toBe('092190000001');
    expect(await page.getByLabel('Ngày sinh').inputValue()).toBe('1990-05-12');
    expect(await page.getByLabel('Địa chỉ (số nhà, đường, khu vực)').inputValue()).toBe(
      '12 Trần Hưng Đạo, phường Ninh Kiều, thành phố Cần Thơ',
    );
    // Each filled field says where its value came from: the registry, when, and the request id.
    const mark = page.locator('#a-fullName-hint');
    await expect
      .poll(() => mark.textContent())
      .toMatch(
        new RegExp(
          `^Từ CSDL quốc gia về dân cư, \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}, mã yêu cầu ${requestId}$`,
        ),
      );
    await scan(page, 'counter intake pre-filled from the population database');
    await keepScreenshot(page, 'counter-prefilled');

    await page.getByLabel('Số điện thoại').fill('0939123456');
    await page.getByLabel('Thư điện tử').fill(APPLICANT_MAIL);
    await page.getByLabel('Phường, xã nơi cư trú').selectOption({ label: 'Phường Ninh Kiều' });
    // The published procedure lists its documents: the receiver ticks the declaration the applicant brought.
    await page
      .getByRole('group', { name: 'Kiểm tra thành phần hồ sơ' })
      .getByRole('checkbox', { name: /Mẫu số 01\/2025\/LLTP/ })
      .check();
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn' }).click();
    const code = (await page.getByTestId('dossier-code').textContent()) ?? '';
    expect(code).toMatch(/^000\.00\.01\.H13-\d{6}-\d{4,}$/);
    await context.close();

    const stored = await web()
      .app.db.kysely.selectFrom('dossiers')
      .select(['applicant'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(stored.applicant).toMatchObject({ fullName: 'Nguyễn Thị Hồng Nhung', birthDate: '1990-05-12' });

    // The applicant's mailbox: the receipt…
    await until(async () => (await mailsTo(APPLICANT_MAIL)).length >= 1);
    const [receipt] = await mailsTo(APPLICANT_MAIL);
    expect(receipt?.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(receipt?.text).toContain(`đã tiếp nhận hồ sơ ${code}`);

    // …and, once the dossier has been worked through, the result ready.
    const desk = new Desk(web().app.app);
    await desk.ok('receiver', code, { action: 'forward' });
    await desk.ok('processor.stp', code, { action: 'forward' });
    await desk.ok('agency_head.stp', code, { action: 'approve' });
    await finishDossier(desk, code);
    await until(async () => (await mailsTo(APPLICANT_MAIL)).length >= 2);
    const mails = await mailsTo(APPLICANT_MAIL);
    expect(mails.map((m) => m.subject)).toEqual([
      `Hồ sơ ${code} đã được tiếp nhận`,
      `Hồ sơ ${code} đã có kết quả`,
    ]);
    // No personal data travels in the notices.
    for (const mail of mails) expect(`${mail.subject}\n${mail.text}`).not.toContain('Nhung');

    // The dossier page shows the officer what the applicant was told, and how it went.
    const officer = await newUser(web());
    await login(officer.page, 'receiver');
    await officer.page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
    const notices = officer.page.getByRole('table', { name: 'Thông báo đã gửi người nộp' });
    await shown(
      notices.getByRole('row', { name: /Đã có kết quả\s+Thư điện tử\s+n\*\*\*@example\.vn\s+Đã gửi/ }),
    );
    await shown(
      notices.getByRole('row', { name: /Tiếp nhận và hẹn trả\s+Thư điện tử\s+n\*\*\*@example\.vn\s+Đã gửi/ }),
    );
    await scan(officer.page, 'dossier page with the notices sent');
    await officer.context.close();
  });

  it('the controller rewords a notice, previews it with an example dossier, saves it and goes back to the shipped wording', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'controller');
    await page.goto('/quan-tri');
    await page.getByRole('link', { name: 'Mẫu thông báo gửi người nộp' }).click();
    await page.getByLabel('Thông báo và kênh').selectOption({ label: 'Đã có kết quả — Thư điện tử' });
    await shown(page.getByText('Đang dùng lời văn gốc.'));
    await page.getByLabel('Tiêu đề thư').fill('Kết quả hồ sơ {{code}} đã sẵn sàng');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await shown(page.getByText('Kết quả hồ sơ 000.00.01.H13-261122-0012 đã sẵn sàng'));
    await page.getByLabel('Tiêu đề thư').fill('Kết quả hồ sơ {{maHoSo}}');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'maHoSo' }));
    await scan(page, 'notice wording with an unknown placeholder');
    await page.getByLabel('Tiêu đề thư').fill('Kết quả hồ sơ {{code}} đã sẵn sàng');
    await page.getByRole('button', { name: 'Lưu mẫu' }).click();
    await shown(page.getByText('Đã lưu: áp dụng cho thông báo tiếp theo.'));
    await shown(page.getByText(/^Đã sửa lúc/));
    const templates = await web().app.app.inject({
      url: '/api/notification-templates',
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(
      templates
        .json()
        .items.find(
          (i: { kind: string; channel: string }) => i.kind === 'result_ready' && i.channel === 'email',
        ).subject,
    ).toBe('Kết quả hồ sơ {{code}} đã sẵn sàng');
    await page.getByRole('button', { name: 'Trở về lời văn gốc' }).click();
    await shown(page.getByText('Đã trở về lời văn gốc.'));
    await shown(page.getByText('Đang dùng lời văn gốc.'));
    await context.close();
  });
});
