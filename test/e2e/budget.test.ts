import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newUser, PHONE, shown, webForFile } from './browser.js';

const BUDGET_BYTES = 150 * 1024;

const web = webForFile();

describe('the citizen’s first page load', { timeout: 60_000 }, () => {
  it('ships at most 150 KB of JavaScript, gzip-compressed, and the server sends it compressed', async () => {
    const { context, page } = await newUser(web(), PHONE);
    const scripts: { url: string; raw: number; gzip: number; encoding: string | undefined }[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      const body = await response.body();
      scripts.push({
        url: new URL(response.url()).pathname,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        encoding: response.headers()['content-encoding'],
      });
    });
    await page.goto('/');
    await page.getByLabel('Tên hoặc mã thủ tục').fill('khai sinh');
    await shown(page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }));
    await page.waitForLoadState('networkidle');
    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzip (budget 150 KB)\n` +
        scripts
          .map((s) => `  ${s.url} ${(s.raw / 1024).toFixed(1)} KB → ${(s.gzip / 1024).toFixed(1)} KB`)
          .join('\n'),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    // Officer and administration pages are not part of it.
    expect(scripts.some((s) => /OfficerDossier|ProcedureAdmin|CounterIntake/.test(s.url))).toBe(false);
    expect(scripts.every((s) => s.encoding === 'gzip')).toBe(true);
    await context.close();
  });
});
