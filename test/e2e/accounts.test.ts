import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createOfficer } from '../dossier-fixtures.js';
import { hasText, login, newUser, PHONE, scan, shown, webForFile } from './browser.js';

const web = webForFile();
const NEW_PASSWORD = 'đò ngang qua sông hậu';

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

describe('accounts in a real browser', { timeout: 180_000 }, () => {
  it('an administrator opens an officer account; the officer sets a password by the link, signs in, sees their sessions', async () => {
    const admin = await newUser(web(), PHONE);
    await login(admin.page, 'admin');
    await admin.page.goto('/quan-tri/tai-khoan');
    await hasText(admin.page.getByRole('heading', { level: 1 }), 'Tài khoản cán bộ');
    await shown(admin.page.getByRole('cell', { name: 'receiver.ninhkieu', exact: true }));
    await scan(admin.page, 'officer accounts');
    await admin.page.getByLabel('Tên đăng nhập').fill('chuyenvien.moi');
    await admin.page.getByLabel('Họ và tên').fill('Lý Thanh Tâm');
    await admin.page.getByLabel('Vai trò').selectOption('processor');
    await admin.page.locator('#new-agencyCode').selectOption('000.31135.H13');
    await admin.page.getByRole('button', { name: 'Tạo tài khoản cán bộ' }).click();
    const notice = admin.page.getByRole('status').filter({ hasText: 'chuyenvien.moi' });
    await shown(notice);
    const link = (await notice.locator('code').textContent()) ?? '';
    expect(link).toContain('/dat-mat-khau#');
    await scan(admin.page, 'officer accounts with a link');
    await admin.context.close();

    const officer = await newUser(web(), PHONE);
    await officer.page.goto(link.slice(link.indexOf('/dat-mat-khau')));
    await scan(officer.page, 'set password');
    await officer.page.getByLabel('Mật khẩu mới').fill('ngắn');
    await officer.page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await shown(officer.page.getByRole('alert'));
    await officer.page.getByLabel('Mật khẩu mới').fill(NEW_PASSWORD);
    await officer.page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await shown(officer.page.getByText('Đã đặt mật khẩu. Bạn có thể đăng nhập.'));
    await signIn(officer.page, 'chuyenvien.moi', NEW_PASSWORD);
    await officer.page.getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await shown(officer.page.getByText('Phiên này'));
    await scan(officer.page, 'my account');
    await officer.context.close();
  });

  it('signing out clears the drafts kept in the browser', async () => {
    const { context, page } = await newUser(web());
    await login(page, 'citizen');
    await page.evaluate(() => {
      localStorage.setItem(
        'motcua.draft.1.001193',
        JSON.stringify({ applicant: { idNumber: '092201000123' } }),
      );
    });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await shown(page.getByRole('link', { name: 'Đăng nhập' }));
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('motcua.draft.'))))
      .toEqual([]);
    await context.close();
  });

  it('a controller turns on two-factor authentication at the first login, then gives a code each time', async () => {
    await createOfficer(web().app.db, 'controller.hai-yeu-to', 'controller', '000.31135.H13');
    const { context, page } = await newUser(web(), PHONE);
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('controller.hai-yeu-to');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await hasText(page.getByRole('heading', { level: 1 }), 'Bật xác thực hai yếu tố');
    await shown(page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }));
    await expect.poll(() => page.getByTestId('totp-secret').textContent()).toMatch(/^[A-Z2-7]{32}$/);
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await scan(page, 'two-factor enrolment');
    // A wrong code is said on the page; the right one signs in.
    await page.getByLabel('Mã xác thực (6 chữ số)').fill('000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Mã xác thực không đúng' }));
    await page
      .getByLabel('Mã xác thực (6 chữ số)')
      .fill(await generate({ secret, epoch: Math.floor(Date.now() / 1_000) }));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    await shown(page.getByRole('button', { name: 'Đăng xuất' }));
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The next login asks for a code (the next one: a code works once).
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('controller.hai-yeu-to');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Nhập mã xác thực');
    await scan(page, 'two-factor code');
    const later = await generate({ secret, epoch: Math.floor(Date.now() / 1_000) + 30 });
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(later);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    expect((await page.request.get('/api/auth/me')).status()).toBe(200);
    await context.close();
  });
});
