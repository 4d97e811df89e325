import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IdentityProviderSettings,
  openIdIdentityProvider,
} from '../src/auth/identity/openid-identity-provider.js';
import type { IdentityProviderSimulator } from '../src/integrations/identity/simulator.js';
import { type TestApp, testApp } from './helpers.js';
import { startIdentityProvider } from './identity-fixtures.js';
import { freePort } from './ports.js';

/**
 * A browser's part of an OpenID Connect login, over real HTTP: cookies kept per host, redirects followed
 * one by one so that each hop can be checked.
 */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(cookies.length > 0 ? { cookie: cookies.join('; ') } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    const jar = this.jar.get(target.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some(
        (a) =>
          /^\s*max-age=0/i.test(a) ||
          (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.jar.set(target.host, jar);
    return response;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /** Follows redirects from `url` until a page answers; returns the last response and its address. */
  async follow(url: string, stopAt?: (url: URL) => boolean): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    for (let hop = 0; hop < 10; hop++) {
      if (stopAt?.(current)) return { response: new Response(null, { status: 299 }), url: current };
      const response = await this.get(current.href);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      await response.arrayBuffer();
      current = new URL(location, current);
    }
    throw new Error('too many redirects');
  }
}

const NEW_CITIZEN = '092195000003';

describe('citizens sign in through the national identity provider (OpenID Connect)', () => {
  let idp: IdentityProviderSimulator;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    let port: number;
    let settings: IdentityProviderSettings;
    ({ idp, port, base, settings } = await startIdentityProvider('motcua-test'));
    t = await testApp({ identity: openIdIdentityProvider(settings) });
    await t.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  /** From the portal's login button to the provider's login page; returns the form's address. */
  async function toProviderLogin(browser: Browser, returnTo = '/ho-so-cua-toi'): Promise<URL> {
    const start = await browser.get(`${base}/api/auth/vneid/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(idp.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const { response, url } = await browser.follow(authorize.href);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Số định danh cá nhân');
    const action = /action="([^"]+\/login)"/.exec(html)?.[1];
    expect(action).toBeTruthy();
    return new URL(action ?? '', url);
  }

  /** The whole login of one resident; returns where the portal sent the browser and its session cookie. */
  async function signIn(browser: Browser, idNumber: string, password = 'demo') {
    const form = await toProviderLogin(browser);
    const posted = await browser.get(form.href, { method: 'POST', form: { idNumber, password } });
    expect(posted.status, await posted.clone().text()).toBe(303);
    const { url } = await browser.follow(
      new URL(posted.headers.get('location') ?? '', form).href,
      (u) => (u.origin === base && u.pathname === '/ho-so-cua-toi') || u.pathname === '/dang-nhap',
    );
    return { landed: url, session: browser.cookie(new URL(base).host, 'motcua_session') };
  }

  async function me(session: string | undefined) {
    return t.app.inject({
      url: '/api/auth/me',
      headers: session ? { cookie: `motcua_session=${session}` } : {},
    });
  }

  it('a first login makes the citizen account from the claims; the next finds the same account', async () => {
    const before = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('id_number', '=', NEW_CITIZEN)
      .execute();
    expect(before).toEqual([]);

    const first = await signIn(new Browser(), NEW_CITIZEN);
    expect(first.landed.pathname).toBe('/ho-so-cua-toi');
    expect(first.session).toBeTruthy();
    const who = await me(first.session);
    expect(who.statusCode, who.body).toBe(200);
    expect(who.json()).toMatchObject({ role: 'citizen', fullName: 'Lê Minh Tâm', agencyCode: null });

    const row = await t.db.kysely
      .selectFrom('users')
      .select(['id', 'username', 'password_hash', 'birth_date', 'identity_subject'])
      .where('id_number', '=', NEW_CITIZEN)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      password_hash: null,
      birth_date: '1995-08-21',
      identity_subject: idp.subjectFor(NEW_CITIZEN),
    });
    // The login name reaches logs: it carries no identity number.
    expect(row.username).toMatch(/^vneid\.[0-9a-f]{16}$/);

    const second = await signIn(new Browser(), NEW_CITIZEN);
    expect((await me(second.session)).json().id).toBe(row.id);
    const count = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('id_number', '=', NEW_CITIZEN)
      .execute();
    expect(count).toHaveLength(1);

    // The account has no password: password login is refused.
    const byPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: row.username, password: 'demo' },
    });
    expect(byPassword.statusCode).toBe(401);
  });

  it('a wrong password at the provider opens no session; the login page says so', async () => {
    const browser = new Browser();
    const form = await toProviderLogin(browser);
    const posted = await browser.get(form.href, {
      method: 'POST',
      form: { idNumber: NEW_CITIZEN, password: 'wrong' },
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Số định danh hoặc mật khẩu không đúng.');
    expect(browser.cookie(new URL(base).host, 'motcua_session')).toBeUndefined();
  });

  it('refuses a callback this browser did not start, or with another login’s state', async () => {
    // The attacker's own login, stopped at the provider's answer.
    const attacker = new Browser();
    const form = await toProviderLogin(attacker);
    const posted = await attacker.get(form.href, {
      method: 'POST',
      form: { idNumber: '092190000001', password: 'demo' },
    });
    const { url: callback } = await attacker.follow(
      new URL(posted.headers.get('location') ?? '', form).href,
      (u) => u.origin === base,
    );
    expect(callback.pathname).toBe('/api/auth/vneid/callback');
    const usersBefore = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('id_number', '=', '092190000001')
      .execute();

    // A victim's browser sent to that callback (login CSRF): no pending login there, so no session.
    const victim = new Browser();
    const forced = await victim.get(callback.href);
    expect(forced.status).toBe(303);
    expect(forced.headers.get('location')).toBe('/dang-nhap?loi=IDENTITY_LOGIN_FAILED');
    expect(victim.cookie(new URL(base).host, 'motcua_session')).toBeUndefined();

    // A victim with a pending login of their own: the state differs, still refused.
    await toProviderLogin(victim);
    const crossed = await victim.get(callback.href);
    expect(crossed.headers.get('location')).toBe('/dang-nhap?loi=IDENTITY_LOGIN_FAILED');
    expect(victim.cookie(new URL(base).host, 'motcua_session')).toBeUndefined();
    const usersAfter = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('id_number', '=', '092190000001')
      .execute();
    expect(usersAfter).toEqual(usersBefore);

    // A code used twice is refused by the provider: the replay opens nothing.
    const done = await attacker.get(callback.href);
    expect(done.headers.get('location')).toBe('/ho-so-cua-toi');
    const replay = new Browser();
    await toProviderLogin(replay);
    expect((await replay.get(callback.href)).headers.get('location')).toBe(
      '/dang-nhap?loi=IDENTITY_LOGIN_FAILED',
    );
  });

  it('only pages of this site are gone back to after login', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const browser = new Browser();
      const start = await browser.get(
        `${base}/api/auth/vneid/start?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(start.status).toBe(302);
      const form = await (async () => {
        const { response, url } = await browser.follow(start.headers.get('location') ?? '');
        const action = /action="([^"]+\/login)"/.exec(await response.text())?.[1] ?? '';
        return new URL(action, url);
      })();
      const posted = await browser.get(form.href, {
        method: 'POST',
        form: { idNumber: NEW_CITIZEN, password: 'demo' },
      });
      const { url } = await browser.follow(
        new URL(posted.headers.get('location') ?? '', form).href,
        (u) => u.origin === base && !u.pathname.startsWith('/api/'),
      );
      expect(url.origin).toBe(base);
      expect(url.pathname).toBe('/ho-so-cua-toi');
    }
  });

  it('a cancelled login at the provider comes back as a refusal, with no session', async () => {
    const browser = new Browser();
    const form = await toProviderLogin(browser);
    const abort = new URL(form.pathname.replace(/\/login$/, '/abort'), form);
    const aborted = await browser.get(abort.href, { method: 'POST', form: {} });
    const { url } = await browser.follow(
      new URL(aborted.headers.get('location') ?? '', abort).href,
      (u) => u.origin === base && u.pathname === '/dang-nhap',
    );
    expect(url.searchParams.get('loi')).toBe('IDENTITY_LOGIN_FAILED');
    expect(browser.cookie(new URL(base).host, 'motcua_session')).toBeUndefined();
  });

  it('logout ends the session here and sends the browser to end it at the provider', async () => {
    const browser = new Browser();
    const { session } = await signIn(browser, NEW_CITIZEN);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `motcua_session=${session}`, origin: 'https://dichvucong.cantho.example' },
    });
    expect(out.statusCode, out.body).toBe(200);
    const end = new URL(out.json().endSessionUrl);
    expect(end.origin).toBe(idp.url);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/dang-nhap`);
    expect((await me(session)).statusCode).toBe(401);

    // At the provider: a confirmation page, then back to the portal's login page.
    const { response, url } = await browser.follow(end.href);
    const html = await response.text();
    expect(html).toContain('Đăng xuất khỏi VNeID?');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const confirmed = await browser.get(new URL(action, url).href, {
      method: 'POST',
      form: { xsrf, logout: 'yes' },
    });
    expect(confirmed.headers.get('location')).toBe(`${base}/dang-nhap`);
    // Signed out there too: the next login in this browser asks for the password again.
    await toProviderLogin(browser);

    // A password session's logout has nothing to end elsewhere.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'citizen', password: 'demo' },
    });
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(plain.statusCode).toBe(204);
  });

  it('says when the provider cannot be reached or none is configured, without a session or a 500', async () => {
    const unreachable = await testApp({
      identity: openIdIdentityProvider({
        issuer: `http://127.0.0.1:${await freePort()}`,
        clientId: 'motcua-test',
        clientSecret: 'secret',
        redirectUri: `${base}/api/auth/vneid/callback`,
        postLogoutRedirectUri: `${base}/dang-nhap`,
        scope: 'openid profile identity',
        idNumberClaim: 'identity_number',
        timeoutSeconds: 2,
      }),
    });
    const none = await testApp();
    try {
      const start = await unreachable.app.inject({ url: '/api/auth/vneid/start' });
      expect(start.statusCode).toBe(303);
      expect(start.headers.location).toBe('/dang-nhap?loi=IDENTITY_PROVIDER_UNAVAILABLE');
      expect(start.headers['set-cookie']).toBeUndefined();
      expect((await unreachable.app.inject({ url: '/api/auth/identity-provider' })).json()).toEqual({
        available: true,
        name: 'VNeID',
      });

      expect((await none.app.inject({ url: '/api/auth/identity-provider' })).json()).toEqual({
        available: false,
        name: null,
      });
      const off = await none.app.inject({ url: '/api/auth/vneid/callback?code=x&state=y' });
      expect(off.headers.location).toBe('/dang-nhap?loi=IDENTITY_PROVIDER_UNAVAILABLE');
    } finally {
      await unreachable.close();
      await none.close();
    }
  });
});
