import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { WEB_DIST } from '../../src/http/web-app.js';
import { type TestApp, testApp } from '../helpers.js';

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../../test-results');

/**
 * The browser for the UI tests: MOTCUA_CHROMIUM, else Debian's Chromium when installed, else the real
 * Chromium shipped inside the @sparticuz/chromium npm package (unpacked into the temporary directory on
 * first use), so `npm test` needs nothing beyond npm (ADR 0006).
 */
export async function chromiumPath(): Promise<string> {
  const candidates = [process.env.MOTCUA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (found) return found;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export interface Web {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The real server on a real port, serving the built web app, and a headless Chromium. */
/** `port`: where the server listens (a free one by default), for a test that must know its address first. */
export async function startWeb(
  options: Parameters<typeof testApp>[0] & { port?: number } = {},
): Promise<Web> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web app not built: npm run build:web');
  const { port = 0, ...appOptions } = options;
  const app = await testApp(appOptions);
  const address = await app.app.listen({ host: '127.0.0.1', port });
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=vi-VN',
    ],
  });
  return {
    app,
    baseUrl: address,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** A fresh browser profile (its own cookies and storage), Vietnamese by default. */
export async function newUser(
  web: Web,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({ baseURL: web.baseUrl, viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // A failing test leaves a screenshot of every open page behind.
  onTestFailed(async ({ task }) => {
    await mkdir(RESULTS_DIR, { recursive: true });
    const name = task.name.replace(/[^\w-]+/g, '_').slice(0, 80);
    for (const [i, p] of context.pages().entries()) {
      if (!p.isClosed())
        await p.screenshot({ path: path.join(RESULTS_DIR, `${name}-${i}.png`), fullPage: true });
    }
  });
  return { context, page };
}

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const scanned: string[] = [];

async function axeOnce(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const problems = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(problems, `axe on ${label}`).toEqual([]);
  scanned.push(label);
}

/** Axe (WCAG 2.1 A and AA) on the page as it is, in Vietnamese and then in English; the language is put back. */
export async function scan(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await axeOnce(page, `${label} [vi]`);
  await page.getByRole('button', { name: 'Chuyển ngôn ngữ sang tiếng Anh' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.waitForLoadState('networkidle');
  await axeOnce(page, `${label} [en]`);
  await page.getByRole('button', { name: 'Switch language to Vietnamese' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
}

/** Keeps a picture of the page for people to look at (MOTCUA_SCREENSHOTS=1). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (!process.env.MOTCUA_SCREENSHOTS) return;
  const dir = path.join(RESULTS_DIR, 'screens');
  await mkdir(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
}

/** Waits until the locator's first match is visible (fails after the page's default timeout). */
export async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Polls until the locator's text (or, for several matches, all their texts) equals the expectation. */
export async function hasText(locator: Locator, text: string | string[]): Promise<void> {
  await expect
    .poll(
      async () =>
        Array.isArray(text)
          ? (await locator.allTextContents()).map((s) => s.trim())
          : (await locator.first().textContent())?.trim(),
      { timeout: 15_000 },
    )
    .toEqual(text);
}

export async function count(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count(), { timeout: 15_000 }).toBe(n);
}

export async function focused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** Starts the server and browser once for the calling test file; returns a getter for them. */
export function webForFile(options: Parameters<typeof startWeb>[0] = {}): () => Web {
  let web: Web | undefined;
  beforeAll(async () => {
    web = await startWeb(options);
  }, 60_000);
  afterAll(async () => {
    await web?.close();
  });
  return () => {
    if (!web) throw new Error('web not started');
    return web;
  };
}
