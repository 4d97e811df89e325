import { describe, expect, it } from 'vitest';
import { applicant, birthDocuments, birthForm, Desk } from '../dossier-fixtures.js';
import { hasText, keepScreenshot, login, newUser, PHONE, scan, shown, webForFile } from './browser.js';

const web = webForFile();
const PROCEDURE = '1.001193';

describe('form builder', { timeout: 240_000 }, () => {
  it('a controller adds a conditional question, previews and publishes it; a citizen answers it on a phone; an earlier dossier keeps the old form', async () => {
    // A dossier received before the change.
    const desk = new Desk(web().app.app);
    const before = await desk.intake('citizen', {
      procedureCode: PROCEDURE,
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
    });
    expect(before.statusCode).toBe(201);
    const oldVersion = before.json().procedureVersionId as number;

    const controller = await newUser(web());
    const page = controller.page;
    await login(page, 'controller');
    await page.goto(`/quan-tri/thu-tuc/${PROCEDURE}/to-khai`);
    await hasText(page.getByRole('heading', { level: 1 }), `Tờ khai điện tử của thủ tục ${PROCEDURE}`);
    const questions = await page.locator('fieldset.card').count();

    await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
    const choice = page.locator('fieldset.card').nth(questions);
    await choice.getByLabel('Nội dung câu hỏi (tiếng Việt)').fill('Có thông tin người cha không?');
    await choice.getByLabel('Nội dung câu hỏi (tiếng Anh)').fill('Is the father known?');
    await choice.getByLabel('Mã trường').fill('co_cha');
    await choice.getByLabel('Kiểu trả lời').selectOption('choice');
    await choice.getByLabel('Các lựa chọn').fill('Có thông tin\nKhông có thông tin');
    await choice.getByLabel('Bắt buộc trả lời').check();

    await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
    const father = page.locator('fieldset.card').nth(questions + 1);
    await father.getByLabel('Nội dung câu hỏi (tiếng Việt)').fill('Tên người cha theo giấy tờ');
    await father.getByLabel('Mã trường').fill('ho_ten_cha');
    await father.getByLabel('Bắt buộc trả lời').check();
    await father.getByLabel('Hướng dẫn (tiếng Việt)').fill('Ghi như trên giấy tờ tùy thân');
    await father.getByLabel('Chỉ hỏi khi câu hỏi').selectOption({ label: 'Có thông tin người cha không?' });
    await father.getByLabel('có câu trả lời').fill('Có thông tin');

    // The preview is the portal's form: the father's name appears only once "Có" is chosen.
    const preview = page.locator('section', { has: page.getByRole('heading', { name: 'Xem trước' }) });
    await shown(preview.getByText('Có thông tin người cha không?'));
    expect(await preview.getByLabel('Tên người cha theo giấy tờ').count()).toBe(0);
    await preview.getByLabel('Có thông tin', { exact: true }).check();
    await shown(preview.getByLabel('Tên người cha theo giấy tờ'));
    await shown(preview.getByText('Ghi như trên giấy tờ tùy thân'));
    await scan(page, 'form builder');
    await keepScreenshot(page, 'form-builder');

    await page.getByRole('button', { name: 'Xuất bản tờ khai' }).click();
    await shown(page.getByText('Số quyết định: Bắt buộc nhập').first());
    await page.getByLabel('Số quyết định').fill('TK-07/QĐ-UBND');
    await page.getByRole('button', { name: 'Xuất bản tờ khai' }).click();
    await shown(page.getByText('Đã xuất bản phiên bản mới.'));
    await controller.context.close();

    // A citizen on a phone: the new question, and the conditional one once "Có" is chosen.
    const citizen = await newUser(web(), PHONE);
    const phone = citizen.page;
    await login(phone, 'citizen');
    await phone.goto(`/thu-tuc/${PROCEDURE}/nop`);
    await phone.getByRole('link', { name: 'Bắt đầu' }).click();
    await hasText(phone.getByRole('heading', { level: 1 }), 'Thông tin người nộp hồ sơ');
    await phone.getByLabel('Số định danh cá nhân', { exact: true }).fill('079201001234');
    await phone.getByLabel('Ngày sinh', { exact: true }).fill('1990-04-12');
    await phone.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    await phone.getByLabel('Địa chỉ (số nhà, đường, khu vực)').fill('12 Hòa Bình');
    await phone.getByLabel('Phường, xã nơi cư trú').selectOption({ label: 'Phường Ninh Kiều' });
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();

    await phone.getByLabel('Họ, chữ đệm, tên của trẻ').fill('Nguyễn Thị Mai');
    await phone.getByLabel('Ngày, tháng, năm sinh').fill('2026-11-02');
    await phone.getByLabel('Nữ').check();
    await phone.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa thành phố Cần Thơ');
    await phone.getByLabel('Họ, chữ đệm, tên người mẹ').fill('Trần Thị Lan');
    await phone.getByLabel('Quan hệ với người được khai sinh').fill('Mẹ');
    expect(await phone.getByLabel('Tên người cha theo giấy tờ').count()).toBe(0);
    await phone.getByLabel('Có thông tin', { exact: true }).check();
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    // Required once shown: the summary asks for it.
    await shown(phone.getByRole('alert').getByRole('link', { name: /Tên người cha theo giấy tờ/ }));
    await phone.getByLabel('Tên người cha theo giấy tờ').fill('Nguyễn Văn Bình');
    await scan(phone, 'built form on a phone');
    await keepScreenshot(phone, 'built-form-phone');
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();

    await hasText(phone.getByRole('heading', { level: 1 }), 'Giấy tờ kèm theo');
    // The declaration that carries the e-form, by the name the catalogue publishes ("name — form" on the portal).
    const { form } = await birthDocuments(web().app.app);
    await phone.getByRole('checkbox', { name: `${form} — ` }).check();
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(phone.getByRole('heading', { level: 1 }), 'Kiểm tra lại thông tin');
    await shown(phone.getByText('Nguyễn Văn Bình'));
    await phone.getByRole('button', { name: 'Tiếp tục' }).click();
    await phone.getByLabel(/Tôi cam đoan/).check();
    await phone.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await hasText(phone.getByRole('heading', { level: 1 }), 'Đã nộp hồ sơ');
    await citizen.context.close();

    // The earlier dossier keeps the version it was received under, whose form has no such question.
    const stored = await web()
      .app.db.kysely.selectFrom('dossiers')
      .select(['procedure_version_id', 'form_data'])
      .where('procedure_code', '=', PROCEDURE)
      .orderBy('id')
      .execute();
    const last = stored.at(-1);
    expect(last?.procedure_version_id).not.toBe(oldVersion);
    expect(last?.form_data).toMatchObject({ co_cha: 'Có thông tin', ho_ten_cha: 'Nguyễn Văn Bình' });
    const versions = (await web().app.app.inject({ url: `/api/procedures/${PROCEDURE}/versions` })).json();
    const old = versions.items.find((v: { id: number }) => v.id === oldVersion);
    expect(JSON.stringify(old.content.documents)).not.toContain('ho_ten_cha');
    expect(stored.find((row) => row.procedure_version_id === oldVersion)).toBeDefined();
  });
});
