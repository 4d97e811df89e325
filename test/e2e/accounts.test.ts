import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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
});
