import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { png } from '../../src/documents/test-samples.js';
import { findRating } from '../../src/ratings/store.js';
import { applicant, Desk } from '../dossier-fixtures.js';
import { bearer, type TestClock, tokenFor } from '../helpers.js';
import { count, hasText, keepScreenshot, login, newUser, PHONE, scan, shown, webForFile } from './browser.js';

/** The server's time follows the real one, moved forward when the quarter must be over. */
let offset = 0;
const clock: TestClock = {
  get now() {
    return Date.now() + offset;
  },
};
const web = webForFile({ clock });
const vnToday = () => new Date(clock.now + 7 * 3_600_000);

let dossierCode = '';
let feedbackCode = '';
let feedbackKey = '';

/** Opens an action of the feedback page, fills it, and waits for the confirmation. */
async function act(page: Page, name: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const details = page.locator('details.action', { has: page.getByText(name, { exact: true }) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
  const form = details.locator('form');
  await fill(form);
  await form.getByRole('button', { name, exact: true }).click();
  await shown(page.getByRole('status').filter({ hasText: `Đã thực hiện: ${name}` }));
}

describe('the citizen’s voice in a real browser', { timeout: 240_000 }, () => {
  it('a citizen rates their returned dossier on a phone', async () => {
    const desk = new Desk(web().app.app);
    const created = await desk.intake('citizen', {
      procedureCode: '3.000333',
      channel: 'online',
      applicant: applicant({ fullName: 'Phạm Minh Khoa' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    dossierCode = created.json().code;
    await desk.ok('receiver', dossierCode, { action: 'accept' });
    await desk.ok('receiver', dossierCode, { action: 'forward' });
    await desk.ok('processor.stp', dossierCode, { action: 'forward' });
    await desk.ok('agency_head.stp', dossierCode, { action: 'approve' });
    await desk.ok('clerk.stp', dossierCode, { action: 'sign' });
    await desk.ok('clerk.stp', dossierCode, { action: 'issue_result' });
    await desk.ok('receiver', dossierCode, { action: 'return_result', method: 'online' });

    const { context, page } = await newUser(web(), PHONE);
    await login(page, 'citizen');
    await page.goto(`/ho-so-cua-toi/${dossierCode}`);
    const section = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await shown(section);
    // Not satisfied needs a reason: the summary says so and leads to the field.
    await section.getByLabel('Không hài lòng').check();
    await section.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await shown(section.getByRole('alert').getByRole('link', { name: 'Cần nêu lý do không hài lòng' }));
    await scan(page, 'rating with errors');
    await section.getByLabel('Rất hài lòng').check();
    await section.getByText('Đánh giá chi tiết (không bắt buộc)').click();
    await section.getByRole('group', { name: 'Thái độ của cán bộ' }).getByLabel('Tốt (2 điểm)').check();
    await section
      .getByRole('group', { name: 'Thủ tục được công khai đầy đủ (niêm yết và trên mạng)' })
      .getByLabel('Đạt (1 điểm)')
      .check();
    await scan(page, 'rating form');
    await keepScreenshot(page, 'rating');
    await section.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await shown(section.getByText('Cảm ơn bạn đã đánh giá.'));
    await shown(section.getByText('Bạn đã đánh giá: Rất hài lòng.'));
    // Returned the same day as received: shorter than the limit, no contact, no other agency (2 points each).
    await shown(
      section.getByText(/thời gian giải quyết 2 điểm, số lần liên hệ 2 điểm, số cơ quan phải đến 2 điểm/),
    );
    await scan(page, 'rating recorded');
    const stored = await findRating(web().app.db.kysely, dossierCode);
    expect(stored).toMatchObject({ quick: 'very_satisfied', channel: 'online', i6: 1, i7: 2 });
    await context.close();
  });

  it('a member of the public sends feedback without logging in', async () => {
    const { context, page } = await newUser(web(), PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Gửi phản ánh, kiến nghị');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
    await shown(summary.getByRole('link', { name: 'Nội dung cần ít nhất 20 ký tự' }));
    await scan(page, 'feedback form with errors');
    await page.getByLabel('Tiêu đề').fill('Giấy tờ trùng lặp khi đăng ký khai sinh');
    await page
      .getByLabel('Nội dung phản ánh, kiến nghị')
      .fill(
        'Thủ tục đăng ký khai sinh vẫn yêu cầu nộp bản sao giấy chứng nhận kết hôn dù dữ liệu đã có trong cơ sở dữ liệu hộ tịch. Liên hệ tôi qua số 0912345678.',
      );
    await page.getByLabel('Họ và tên').fill('Trần Văn Bình');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    // A photo, and a program renamed as one: the feedback is sent, the photo kept, the program refused.
    await page.getByLabel('Ảnh chụp, tài liệu kèm theo (không bắt buộc)').setInputFiles([
      { name: 'quay-tiep-nhan.png', mimeType: 'image/png', buffer: png(64, 48) },
      { name: 'anh-2.png', mimeType: 'image/png', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
    ]);
    await scan(page, 'feedback form');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Đã gửi phản ánh, kiến nghị');
    await shown(page.getByText('quay-tiep-nhan.png', { exact: true }));
    await shown(
      page
        .getByRole('alert')
        .filter({ hasText: 'các tệp sau không được nhận' })
        .getByText(/^anh-2\.png: /),
    );
    feedbackCode = (await page.getByTestId('feedback-code').textContent()) ?? '';
    expect(feedbackCode).toMatch(/^PAKN-\d{6}-\d{4,}$/);
    feedbackKey = (await page.getByTestId('feedback-key').textContent()) ?? '';
    expect(feedbackKey).toMatch(/^\S{10,}$/);
    await scan(page, 'feedback sent');
    await page.getByRole('link', { name: 'Theo dõi phản ánh này' }).click();
    await shown(page.getByText('Đã nhận', { exact: true }));
    // The sender opens their own photo with the key (sent in a header, never in the address).
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải xuống quay-tiep-nhan.png' }).click();
    const saved = await saving;
    expect(saved.suggestedFilename()).toBe('quay-tiep-nhan.png');
    expect(await readFile((await saved.path()) ?? '')).toEqual(png(64, 48));
    // Not answered yet: the sender adds another photo from the follow page.
    const more = page.getByRole('region', { name: 'Gửi thêm ảnh, tài liệu' });
    await more
      .getByLabel('Ảnh chụp, tài liệu kèm theo (không bắt buộc)')
      .setInputFiles({ name: 'quay-so-2.png', mimeType: 'image/png', buffer: png(32, 24) });
    await more.getByRole('button', { name: 'Gửi tệp' }).click();
    await shown(page.getByRole('button', { name: 'Tải xuống quay-so-2.png' }));
    await scan(page, 'feedback followed by its sender');
    await context.close();
  });

  it('a controller classifies, assigns, answers and publishes it', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'controller');
    await page.goto('/can-bo/phan-anh');
    await shown(page.getByRole('heading', { name: 'Tổng quan theo cơ quan' }));
    await page.getByRole('link', { name: feedbackCode }).click();
    await hasText(page.getByRole('heading', { level: 1 }), feedbackCode);
    await shown(page.getByText('Trần Văn Bình · 0912345678'));
    const photo = page.getByRole('link', { name: 'quay-tiep-nhan.png' });
    expect(await photo.getAttribute('href')).toBe(`/api/feedback/${feedbackCode}/attachments/1`);
    const download = await page.request.get(`/api/feedback/${feedbackCode}/attachments/1`);
    expect(download.headers()['content-type']).toBe('image/png');
    await scan(page, 'feedback for the controller');
    await keepScreenshot(page, 'feedback-officer');

    await act(page, 'Phân loại và chuyển xử lý', async (form) => {
      await form.getByLabel('Kết quả phân loại').selectOption('within_competence');
      await form.getByLabel('Cơ quan được giao').selectOption({ label: 'Sở Tư pháp' });
      await form.getByLabel('Lý do').fill('Thuộc thẩm quyền của Sở Tư pháp về hộ tịch');
    });
    await shown(page.getByText('Đang xử lý', { exact: true }));
    await act(page, 'Ghi kết quả xử lý', async (form) => {
      await form
        .getByLabel('Kết quả xử lý')
        .fill('Đã đề nghị bỏ yêu cầu bản sao khi tra cứu được dữ liệu hộ tịch.');
    });
    await act(page, 'Trả lời người gửi', async (form) => {
      await form
        .getByLabel('Trả lời')
        .fill('Từ tháng sau, cán bộ tra cứu cơ sở dữ liệu hộ tịch; người dân không phải nộp bản sao.');
    });
    await act(page, 'Công khai kết quả', async (form) => {
      // The sender's own words are prefilled; personal data in them is removed again by the server.
      expect(await form.getByLabel('Nội dung phản ánh công khai').inputValue()).toContain('0912345678');
    });
    await shown(page.getByText('Đã công khai kết quả', { exact: true }).first());
    await scan(page, 'feedback published');

    // The quarter so far, per officer: totals and bands only, nobody's rating.
    const today = vnToday();
    await page.getByRole('link', { name: 'Đánh giá hài lòng' }).click();
    await page.getByLabel('Tổng hợp theo').selectOption('officer');
    await page
      .getByLabel('Quý', { exact: true })
      .selectOption(String(Math.floor(today.getUTCMonth() / 3) + 1));
    const officers = page.getByRole('table');
    await shown(officers.getByRole('row', { name: /Công chức Bộ phận Một cửa.*100 %/ }));
    await shown(page.getByRole('img', { name: /Biểu đồ tỷ lệ hài lòng/ }));
    expect(await page.locator('main').textContent()).not.toContain('Phạm Minh Khoa');
    await scan(page, 'rating totals per officer');
    await context.close();
  });

  it('the front desk types in a paper rating form, which cannot be read back', async () => {
    const desk = new Desk(web().app.app);
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant({ fullName: 'Võ Thị Hạnh' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code as string;
    await desk.ok('receiver', code, { action: 'forward' });
    await desk.ok('processor.stp', code, { action: 'forward' });
    await desk.ok('agency_head.stp', code, { action: 'approve' });
    await desk.ok('clerk.stp', code, { action: 'sign' });
    await desk.ok('clerk.stp', code, { action: 'issue_result' });
    await desk.ok('receiver', code, { action: 'return_result', method: 'counter' });

    const { context, page } = await newUser(web());
    await login(page, 'receiver');
    await page.getByRole('link', { name: 'Đánh giá hài lòng' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Nhập phiếu đánh giá bằng giấy');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await shown(page.getByRole('alert').getByRole('link', { name: 'Nhập mã hồ sơ' }));
    await scan(page, 'paper rating with errors');
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await shown(page.getByRole('status').filter({ hasText: `Đã lưu phiếu đánh giá của hồ sơ ${code}.` }));
    await scan(page, 'paper rating saved');
    expect(await findRating(web().app.db.kysely, code)).toMatchObject({
      channel: 'paper',
      quick: 'satisfied',
    });
    await context.close();
  });

  it('the public page shows the answer and the quarter’s ratings chart', async () => {
    const today = vnToday();
    const year = today.getUTCFullYear();
    const quarter = Math.floor(today.getUTCMonth() / 3) + 1;
    // The quarter closes: the next one begins, and the controller publishes the closed quarter.
    const nextQuarter = Date.UTC(quarter === 4 ? year + 1 : year, quarter === 4 ? 0 : quarter * 3, 2, 2);
    offset = nextQuarter - Date.now();
    const published = await web().app.app.inject({
      method: 'POST',
      url: '/api/ratings/publications',
      headers: bearer(await tokenFor(web().app.app, 'controller')),
      payload: { year, quarter },
    });
    expect(published.statusCode, published.body).toBe(201);

    const { context, page } = await newUser(web(), PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: 'Kết quả công khai' }).click();
    await page.getByLabel('Năm').selectOption(String(year));
    const answer = page.getByRole('article', { name: 'Giấy tờ trùng lặp khi đăng ký khai sinh' });
    await shown(answer.getByText('người dân không phải nộp bản sao', { exact: false }));
    expect(await answer.textContent()).not.toContain('0912345678');
    const chart = page.getByRole('img', {
      name: `Biểu đồ tỷ lệ hài lòng theo cơ quan, quý ${quarter}/${year}`,
    });
    await shown(chart);
    const table = page.getByRole('table', { name: `Quý ${quarter}/${year}` });
    await shown(table.getByRole('row', { name: /Trung tâm Phục vụ hành chính công.*100 %/ }));
    await shown(table.getByRole('row', { name: /Sở Tư pháp.*100 %/ }));
    await scan(page, 'public results');
    await keepScreenshot(page, 'public-results');

    // The sender, on another device, opens the item with the key and rates the answer.
    await page.goto(`/phan-anh/theo-doi/${feedbackCode}`);
    await page.getByLabel('Mã bí mật').fill(feedbackKey);
    await page.getByRole('button', { name: 'Xem' }).click();
    const rate = page.getByRole('region', { name: 'Đánh giá câu trả lời' });
    await shown(rate.getByText('Hài lòng', { exact: true }));
    await scan(page, 'the sender rates the answer');
    await rate.getByLabel('Hài lòng', { exact: true }).check();
    await rate.getByRole('button', { name: 'Đánh giá câu trả lời' }).click();
    await shown(page.getByText('Người gửi đã đánh giá câu trả lời'));
    await count(page.getByRole('region', { name: 'Đánh giá câu trả lời' }), 0);
    await context.close();
  });
});
