import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { takeNationalChange } from '../../src/catalog/take-national-change.js';
import { Desk } from '../dossier-fixtures.js';
import { hasText, keepScreenshot, login, newUser, PHONE, scan, shown, webForFile } from './browser.js';

const web = webForFile();

/** A procedure no other test files dossiers for, so editing it changes nothing elsewhere. */
const PROCEDURE = '2.001019';

describe('officer queue and administration', { timeout: 180_000 }, () => {
  it('the queue colours each step’s due instant and filters; a citizen is refused it', async () => {
    const { context, page } = await newUser(web(), PHONE);
    await login(page, 'receiver.ninhkieu');
    await page.goto('/can-bo');
    await shown(page.getByRole('heading', { name: 'Hồ sơ cần xử lý' }));
    await shown(page.getByRole('status').filter({ hasText: /hồ sơ/ }));
    await scan(page, 'queue');
    await keepScreenshot(page, 'queue');
    await page.getByLabel('Chỉ hồ sơ quá hạn').check();
    await page.waitForURL(/qua-han=1/);
    await page.waitForLoadState('networkidle');
    const labels = await page.locator('.due-label').allTextContents();
    expect(labels.every((l) => l === 'Quá hạn')).toBe(true);
    await context.close();

    const citizen = await newUser(web());
    await login(citizen.page, 'citizen');
    const denied = await citizen.context.request.get('/api/queue');
    expect(denied.status()).toBe(403);
    await citizen.page.goto('/can-bo');
    await shown(citizen.page.getByRole('link', { name: 'Đăng nhập' }).last());
    await citizen.context.close();
  });

  it('a controller edits a procedure, records a decision, publishes a process version and saves a year', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'controller');
    await page.goto('/quan-tri');
    await page.getByLabel('Tên hoặc mã thủ tục').fill('chung thuc di chuc');
    await page.getByRole('link', { name: 'Chứng thực di chúc', exact: true }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Chứng thực di chúc');
    await scan(page, 'procedure administration');
    await keepScreenshot(page, 'admin-procedure');

    await page.getByLabel('Lệ phí (đồng)').fill('50000');
    await page.getByLabel('Căn cứ pháp lý').fill('Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await shown(page.getByText('Đã lưu.'));
    const edited = await context.request.get(`/api/procedures/${PROCEDURE}`);
    const detail = await edited.json();
    expect(detail.fees[0].amount).toBe(50000);
    expect(detail.legalBasis).toBe('Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC');
    // The edit is a new content version, listed with who made it.
    await shown(page.locator('#versions-heading + p + ol li').filter({ hasText: '— controller' }).first());
    await page.goto(`/thu-tuc/${PROCEDURE}`);
    await shown(page.getByText('50.000 ₫'));
    await page.goBack();

    await page.getByLabel('Số quyết định').first().fill('E2E-15/QĐ-UBND');
    await page.getByRole('button', { name: 'Công bố theo quyết định' }).click();
    await shown(page.getByText('Đã ghi nhận quyết định.'));
    await shown(page.getByText(/E2E-15\/QĐ-UBND/));

    const diagram = page.getByRole('img', { name: /Sơ đồ quy trình/ });
    await shown(diagram);
    const before = (await (await context.request.get(`/api/procedures/${PROCEDURE}/processes`)).json()).items;
    const form = page.locator('form.new-version');
    await form.getByLabel('Số quyết định').fill('E2E-16/QĐ-UBND');
    await form.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
    await shown(page.getByText(/Đã ban hành phiên bản \d+\./));
    const after = (await (await context.request.get(`/api/procedures/${PROCEDURE}/processes`)).json()).items;
    expect(after.length).toBe(before.length + 1);

    await page.goto('/quan-tri/lich');
    await page.getByLabel('Năm').selectOption('2026');
    await shown(page.getByText('Đã công bố', { exact: true }));
    await scan(page, 'calendar administration');
    await keepScreenshot(page, 'admin-calendar');
    const breaks = await page.locator('fieldset.row-group').count();
    expect(breaks).toBeGreaterThan(3);
    // An inverted range is refused with the field named, and nothing is saved.
    const to = page.getByLabel('Đến ngày').first();
    const original = await to.inputValue();
    await to.fill('2025-12-31');
    await page.getByRole('button', { name: 'Lưu lịch năm 2026' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' }));
    const stored = await (await context.request.get('/api/calendar/years/2026')).json();
    expect(stored.schedule.breaks[0].to).toBe(original);
    await context.close();
  });

  it('a controller edits the document list without code: a conditional document, its order, a remark', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'controller');
    await page.goto(`/quan-tri/thu-tuc/${PROCEDURE}`);
    const section = page.getByRole('region', { name: 'Thành phần hồ sơ' });
    await shown(section);
    const before = (await (await context.request.get(`/api/procedures/${PROCEDURE}`)).json()) as {
      documents: { name: string }[];
    };
    const n = before.documents.length;
    // An empty name is refused on the page and nothing is saved.
    await section.getByRole('button', { name: 'Thêm giấy tờ' }).click();
    await section.getByRole('button', { name: 'Lưu thành phần hồ sơ' }).click();
    await shown(page.getByRole('alert').filter({ hasText: `Giấy tờ ${n + 1}: cần nhập tên` }));
    const added = section.getByRole('group', { name: `Giấy tờ ${n + 1}`, exact: true });
    await added.getByLabel('Tên giấy tờ').fill('Giấy ủy quyền lập di chúc');
    await added.getByLabel('Hình thức nộp').selectOption({ label: 'Bản sao có chứng thực' });
    await added.getByLabel('Số bản sao').fill('1');
    await added.getByLabel('Trường hợp phải nộp (nếu có)').fill('Trường hợp người lập di chúc ủy quyền');
    for (let i = n; i > 0; i--)
      await section.getByRole('button', { name: `Lên Giấy tờ ${i + 1}`, exact: true }).click();
    await section
      .getByLabel('Lưu ý kèm thành phần hồ sơ')
      .fill('Người lập di chúc phải có mặt khi chứng thực.');
    await scan(page, 'documents editor');
    await keepScreenshot(page, 'admin-documents');
    await section.getByRole('button', { name: 'Lưu thành phần hồ sơ' }).click();
    await shown(section.getByText('Đã lưu thành phần hồ sơ (phiên bản mới).'));

    const after = (await (await context.request.get(`/api/procedures/${PROCEDURE}`)).json()) as {
      documents: { name: string; condition: string | null; quantity: unknown; form: string | null }[];
      documentNotes: string[];
    };
    expect(after.documents.map((d) => d.name)).toEqual([
      'Giấy ủy quyền lập di chúc',
      ...before.documents.map((d) => d.name),
    ]);
    expect(after.documents[0]).toMatchObject({
      form: 'certified_copy',
      quantity: { originals: 0, copies: 1 },
      condition: 'Trường hợp người lập di chúc ủy quyền',
    });
    expect(after.documentNotes).toEqual(['Người lập di chúc phải có mặt khi chứng thực.']);

    // The portal shows the new list to applicants, the case beside the document and the remark under it.
    await page.goto(`/thu-tuc/${PROCEDURE}`);
    const row = page.getByRole('row').filter({ hasText: 'Giấy ủy quyền lập di chúc' });
    await shown(row.getByText('Trường hợp người lập di chúc ủy quyền'));
    await shown(page.getByText('Người lập di chúc phải có mặt khi chứng thực.'));
    await context.close();
  });

  it('a controller publishes a new national procedure by decision and sets an abolition aside', async () => {
    const [record, other] = gunzipSync(readFileSync('src/catalog/national/data/procedures.jsonl.gz'))
      .toString('utf8')
      .split('\n')
      .slice(0, 2)
      .map((line) => JSON.parse(line) as Record<string, unknown> & { ma_thu_tuc: string });
    if (!record || !other) throw new Error('the shipped file has records');
    const db = web().app.db.kysely;
    await takeNationalChange(db, {
      seq: 910_001,
      change: 'new',
      code: '9.900011',
      changedAt: Date.UTC(2026, 11, 1, 1),
      record: { ...record, ma_thu_tuc: '9.900011', ten_thu_tuc: 'Thủ tục mới từ CSDL quốc gia (thử nghiệm)' },
    });
    await takeNationalChange(db, {
      seq: 910_002,
      change: 'abolished',
      code: other.ma_thu_tuc,
      changedAt: Date.UTC(2026, 11, 2, 1),
      record: null,
    });
    const { context, page } = await newUser(web());
    await login(page, 'controller');
    await page.goto('/quan-tri/ra-soat');
    const section = page.getByRole('region', { name: 'Thay đổi từ CSDL quốc gia chờ công bố' });
    const fresh = section.locator('details', { hasText: '9.900011' });
    await fresh.locator('summary').click();
    await scan(page, 'national changes');
    await keepScreenshot(page, 'admin-drafts');
    await fresh.getByLabel('Số quyết định').fill('E2E-20/QĐ-UBND');
    await fresh.getByRole('button', { name: 'Công bố theo quyết định' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Đã công bố thay đổi của thủ tục 9.900011.' }));
    expect((await context.request.get('/api/procedures/9.900011')).status()).toBe(200);

    const abolition = section.locator('details', { hasText: other.ma_thu_tuc });
    await abolition.locator('summary').click();
    await abolition.getByRole('button', { name: 'Bỏ qua thay đổi' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' }));
    await abolition.getByLabel('Lý do không áp dụng').fill('Tỉnh chưa ban hành quyết định bãi bỏ');
    await abolition.getByRole('button', { name: 'Bỏ qua thay đổi' }).click();
    await shown(page.getByText('Không có thay đổi nào đang chờ.'));
    const search = await context.request.get(`/api/procedures?q=${encodeURIComponent(other.ma_thu_tuc)}`);
    expect((await search.json()).items.some((p: { code: string }) => p.code === other.ma_thu_tuc)).toBe(true);
    await context.close();
  });

  it('an administrator watches the outbox, registers a webhook and sees its secret once', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'admin');
    await page.getByRole('link', { name: 'Vận hành' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Vận hành: gửi dữ liệu ra ngoài');
    await page.getByLabel('Địa chỉ nhận (http:// hoặc https://)').fill('không phải địa chỉ');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' }));
    await page
      .getByLabel('Địa chỉ nhận (http:// hoặc https://)')
      .fill('https://he-thong-khac.example/motcua');
    await page.getByLabel('Trả kết quả').check();
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await shown(page.getByText('chỉ hiển thị một lần'));
    const secret = (await page.locator('.notice-success code').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(30);
    await shown(page.getByText('https://he-thong-khac.example/motcua'));
    await shown(page.getByRole('row').filter({ hasText: 'webhook:' }).first());
    await scan(page, 'operations');
    await keepScreenshot(page, 'admin-operations');
    const hooks = await (await context.request.get('/api/webhooks')).json();
    expect(JSON.stringify(hooks)).not.toContain(secret);
    await context.close();
  });

  it('a controller searches the access log: who read a dossier, from which agency, when', async () => {
    const { app } = web().app;
    const desk = new Desk(app);
    const code = await desk.receiveBirth();
    expect((await desk.get('processor.ninhkieu', code)).statusCode).toBe(200);

    const { context, page } = await newUser(web(), PHONE);
    await login(page, 'controller');
    await page.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Nhật ký truy cập dữ liệu cá nhân');
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('Loại').selectOption('read');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const row = page.getByRole('row').filter({ hasText: 'processor.ninhkieu' });
    await shown(row);
    await shown(row.getByText(code));
    await shown(row.getByText('000.31135.H13'));
    await scan(page, 'access log');
    await keepScreenshot(page, 'access-log');
    // Every row is about that dossier.
    const codes = await page.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c === code)).toBe(true);
    await context.close();
  });
});
