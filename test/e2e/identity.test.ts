import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdIdentityProvider } from '../../src/auth/identity/openid-identity-provider.js';
import { samplePdf } from '../../src/documents/signing/test-fixtures.js';
import { jpeg } from '../../src/documents/test-samples.js';
import type { IdentityProviderSimulator } from '../../src/integrations/identity/simulator.js';
import { birthDocuments } from '../dossier-fixtures.js';
import { startIdentityProvider } from '../identity-fixtures.js';
import { hasText, keepScreenshot, newUser, PHONE, scan, shown, startWeb, type Web } from './browser.js';

const NEW_CITIZEN = '092195000003';

/** From the check-answers page: on to the declaration, agree, submit; returns the new dossier's code. */
async function declareAndSubmit(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel(/Tôi cam đoan/).check();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await hasText(page.getByRole('heading', { level: 1 }), 'Đã nộp hồ sơ');
  return (await page.getByTestId('dossier-code').textContent()) ?? '';
}

describe('a new citizen signs in with VNeID in a real browser', { timeout: 180_000 }, () => {
  let idp: IdentityProviderSimulator;
  let web: Web;
  let FORM = '';
  let BIRTH_CERTIFICATE = '';

  beforeAll(async () => {
    const started = await startIdentityProvider('motcua-browser');
    idp = started.idp;
    const { port, settings } = started;
    web = await startWeb({ identity: openIdIdentityProvider(settings), port });
    ({ form: FORM, birthCertificate: BIRTH_CERTIFICATE } = await birthDocuments(web.app.app));
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await idp?.stop();
  });

  it('signs in through the provider, files a dossier with the verified identity, and signs out at both ends', async () => {
    const { context, page } = await newUser(web, PHONE);
    await page.goto('/dang-nhap');
    const button = page.getByRole('link', { name: 'Đăng nhập bằng VNeID' });
    await shown(button);
    await scan(page, 'login with VNeID');
    await keepScreenshot(page, 'login-vneid');
    await button.click();

    // The provider's own page.
    await page.waitForURL((url) => url.origin === idp.url);
    await page.getByLabel('Số định danh cá nhân').fill(NEW_CITIZEN);
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // Back on the portal, signed in as the person the provider named; the account was made just now.
    await page.waitForURL((url) => url.pathname === '/ho-so-cua-toi');
    await shown(page.getByText('Lê Minh Tâm').first());
    const account = await web.app.db.kysely
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('id_number', '=', NEW_CITIZEN)
      .executeTakeFirstOrThrow();
    expect(account.password_hash).toBeNull();

    // Applying: the identity number and birth date come from VNeID.
    await page.goto('/thu-tuc/1.001193/nop/nguoi-nop');
    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin người nộp hồ sơ');
    expect(await page.getByLabel('Số định danh cá nhân', { exact: true }).inputValue()).toBe(NEW_CITIZEN);
    expect(await page.getByLabel('Ngày sinh', { exact: true }).inputValue()).toBe('1995-08-21');
    expect(await page.getByLabel('Họ, chữ đệm và tên', { exact: true }).inputValue()).toBe('Lê Minh Tâm');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912000111');
    await page.getByLabel('Địa chỉ (số nhà, đường, khu vực)').fill('45 Mậu Thân');
    await page.getByLabel('Phường, xã nơi cư trú').selectOption({ label: 'Phường Ninh Kiều' });
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin người được khai sinh');
    await page.getByLabel('Họ, chữ đệm, tên của trẻ').fill('Lê Minh Khang');
    await page.getByLabel('Ngày, tháng, năm sinh').fill('2026-11-25');
    await page.getByLabel('Nam', { exact: true }).check();
    await page.getByLabel('Nơi sinh').fill('Bệnh viện Phụ sản thành phố Cần Thơ');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin cha, mẹ');
    await page.getByLabel('Họ, chữ đệm, tên người mẹ').fill('Võ Thị Hạnh');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByLabel('Quan hệ với người được khai sinh').fill('Cha');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Giấy tờ kèm theo');
    await page.getByRole('checkbox', { name: `${FORM} — ` }).check();
    await page
      .getByLabel(`Tệp của “${FORM}”`, { exact: true })
      .setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: await samplePdf() });
    await shown(page.getByRole('list', { name: `Tệp đã tải lên cho “${FORM}”`, exact: true }));
    await page.getByRole('checkbox', { name: `${BIRTH_CERTIFICATE} — ` }).check();
    await page
      .getByLabel(`Tệp của “${BIRTH_CERTIFICATE}”`, { exact: true })
      .setInputFiles({ name: 'giay-chung-sinh.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
    await shown(page.getByRole('list', { name: `Tệp đã tải lên cho “${BIRTH_CERTIFICATE}”`, exact: true }));
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Kiểm tra lại thông tin');
    const code = await declareAndSubmit(page);
    const stored = await web.app.db.kysely
      .selectFrom('dossiers')
      .select(['owner_id', 'applicant_id_number'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ owner_id: account.id, applicant_id_number: NEW_CITIZEN });
    await page.goto('/ho-so-cua-toi');
    await shown(page.getByRole('link', { name: code }));

    // Signing out ends the portal's session, then VNeID's on its own page.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL((url) => url.origin === idp.url);
    await hasText(page.getByRole('heading', { level: 1 }), 'Đăng xuất khỏi VNeID?');
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap' && url.origin !== idp.url);
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    // VNeID asks for the password again: its session ended too.
    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
    await page.waitForURL((url) => url.origin === idp.url);
    await shown(page.getByLabel('Số định danh cá nhân'));
    await context.close();
  });

  it('a business’s legal representative files for the business', async () => {
    const { context, page } = await newUser(web, PHONE);
    await page.goto('/dang-nhap');
    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
    await page.waitForURL((url) => url.origin === idp.url);
    await page.getByLabel('Số định danh cá nhân').fill('092088000004');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/ho-so-cua-toi');

    // Extending a construction permit, for the company VNeID says this person represents.
    await page.goto('/thu-tuc/1.013233/nop/nguoi-nop');
    await hasText(page.getByRole('heading', { level: 1 }), 'Thông tin người nộp hồ sơ');
    await page.getByLabel(/Cho Công ty TNHH Thương mại Tây Đô \(mã số thuế 1801234567\)/).check();
    const name = page.getByLabel('Tên tổ chức, doanh nghiệp');
    expect(await name.inputValue()).toBe('Công ty TNHH Thương mại Tây Đô');
    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('Mã số thuế (mã số doanh nghiệp)').inputValue()).toBe('1801234567');
    expect(await page.getByLabel('Ngày sinh', { exact: true }).count()).toBe(0);
    await page.getByLabel('Số điện thoại', { exact: true }).fill('02923812345');
    await page.getByLabel('Địa chỉ (số nhà, đường, khu vực)').fill('25 Trần Văn Khéo');
    await page.getByLabel('Phường, xã nơi cư trú').selectOption({ label: 'Phường Ninh Kiều' });
    await scan(page, 'applicant: a business');
    await keepScreenshot(page, 'apply-business');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Giấy tờ kèm theo');
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Kiểm tra lại thông tin');
    await shown(page.getByText('Phạm Quốc Huy (người đại diện theo pháp luật)'));
    const code = await declareAndSubmit(page);
    const stored = await web.app.db.kysely
      .selectFrom('dossiers')
      .select(['applicant', 'representative'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(stored.applicant).toMatchObject({ kind: 'organisation', idNumber: '1801234567' });
    expect(stored.representative).toMatchObject({
      idNumber: '092088000004',
      fullName: 'Phạm Quốc Huy',
      capacity: 'legal_representative',
    });
    await context.close();
  });

  it('a refused login brings the person back to the portal’s login page with a message', async () => {
    const { context, page } = await newUser(web, PHONE);
    await page.goto('/dang-nhap');
    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
    await page.waitForURL((url) => url.origin === idp.url);
    await page.getByRole('button', { name: 'Hủy' }).click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap' && url.origin !== idp.url);
    await shown(
      page
        .getByRole('alert')
        .filter({ hasText: 'Đăng nhập bằng tài khoản định danh điện tử không thành công' }),
    );
    await scan(page, 'login after a refused VNeID login');
    await context.close();
  });
});
