import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IdentityProviderSettings,
  openIdIdentityProvider,
} from '../src/auth/identity/openid-identity-provider.js';
import { samplePdf } from '../src/documents/signing/test-fixtures.js';
import { verifyDossiers } from '../src/dossiers/verify.js';
import type { IdentityProviderSimulator } from '../src/integrations/identity/simulator.js';
import { applicant, birthForm, Desk } from './dossier-fixtures.js';
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

  it('dossiers received at a counter for the person join their account at login; others stay where they are', async () => {
    const PERSON = '092190000001';
    const desk = new Desk(t.app);
    const counter = (idNumber: string) => desk.receiveBirth({ idNumber });
    const mine = await counter(PERSON);
    // Taken at the counter all the way to a signed electronic result, before the person has an account.
    const issued = await desk.toSignedResult(mine, {
      fileName: 'giay-khai-sinh.pdf',
      bytes: await samplePdf(),
    });
    const someoneElses = await counter('092190000099');
    // Filed online for the person by another account: it stays with its filer.
    const filedForThem = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant({ idNumber: PERSON }),
      formData: birthForm,
    });
    expect(filedForThem.statusCode, filedForThem.body).toBe(201);
    const filer = await t.db.kysely
      .selectFrom('dossiers')
      .select('owner_id')
      .where('code', '=', filedForThem.json().code)
      .executeTakeFirstOrThrow();

    const { session } = await signIn(new Browser(), PERSON);
    const cookie = { cookie: `motcua_session=${session}` };
    const listed = await t.app.inject({ url: '/api/me/dossiers', headers: cookie });
    expect(listed.statusCode, listed.body).toBe(200);
    const codes = (listed.json().items as { code: string }[]).map((d) => d.code);
    expect(codes).toContain(mine);
    expect(codes).not.toContain(someoneElses);
    expect(codes).not.toContain(filedForThem.json().code);
    expect((await t.app.inject({ url: `/api/dossiers/${mine}`, headers: cookie })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/dossiers/${someoneElses}`, headers: cookie })).statusCode).toBe(
      404,
    );

    // Linked by an event of the account, which the projection folds.
    const events = await t.app.inject({ url: `/api/dossiers/${mine}/events`, headers: cookie });
    const last = (events.json().items as { action: string }[]).at(-1);
    expect(last?.action).toBe('link_account');
    const after = await t.db.kysely
      .selectFrom('dossiers')
      .select(['code', 'owner_id', 'status'])
      .where('code', 'in', [mine, someoneElses, filedForThem.json().code])
      .execute();
    const me = (await t.app.inject({ url: '/api/auth/me', headers: cookie })).json().id as number;
    expect(after.find((d) => d.code === mine)).toMatchObject({ owner_id: me, status: issued.status });
    // The signed result joined the person's data wallet with the dossier, for reuse.
    const wallet = await t.app.inject({ url: '/api/me/wallet', headers: cookie });
    expect(wallet.statusCode, wallet.body).toBe(200);
    const items = wallet.json().items as {
      kind: string;
      title: string;
      provenance: { dossierCode: string };
    }[];
    expect(items.filter((i) => i.provenance.dossierCode === mine).map((i) => [i.kind, i.title])).toEqual([
      ['result', 'Giấy khai sinh'],
    ]);
    expect(after.find((d) => d.code === someoneElses)?.owner_id).toBeNull();
    expect(after.find((d) => d.code === filedForThem.json().code)?.owner_id).toBe(filer.owner_id);
    const report = await verifyDossiers(t.db.kysely);
    expect(report.differences.filter((d) => [mine, someoneElses].includes(d.code))).toEqual([]);

    // A second login links nothing more.
    const versions = await t.db.kysely
      .selectFrom('dossiers')
      .select('version')
      .where('code', '=', mine)
      .executeTakeFirstOrThrow();
    await signIn(new Browser(), PERSON);
    const again = await t.db.kysely
      .selectFrom('dossiers')
      .select('version')
      .where('code', '=', mine)
      .executeTakeFirstOrThrow();
    expect(again.version).toBe(versions.version);
  });

  it('a business’s legal representative files for it; for anyone else the authorisation is named and kept', async () => {
    const REPRESENTATIVE = '092088000004';
    const { session } = await signIn(new Browser(), REPRESENTATIVE);
    const headers = { cookie: `motcua_session=${session}`, origin: 'https://dichvucong.cantho.example' };
    const who = (await t.app.inject({ url: '/api/auth/me', headers })).json();
    expect(who.verified).toEqual({
      idNumber: REPRESENTATIVE,
      birthDate: '1988-02-14',
      organisation: { taxCode: '1801234567', name: 'Công ty TNHH Thương mại Tây Đô' },
    });
    const organisation = (taxCode: string) => ({
      kind: 'organisation',
      fullName: 'Công ty TNHH Thương mại Tây Đô',
      idNumber: taxCode,
      address: { line: '25 Trần Văn Khéo', wardCode: '31135' },
      phone: '02923812345',
    });
    // A company applies to extend a construction permit; a person's birth registration is filed under authorisation.
    const file = (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers,
        payload: {
          channel: 'online',
          ...((body.applicant as { kind: string }).kind === 'organisation'
            ? { procedureCode: '1.013233' }
            : { procedureCode: '1.001193', formData: birthForm }),
          ...body,
        },
      });
    const stored = async (code: string) =>
      (
        await t.db.kysely
          .selectFrom('dossiers')
          .select(['representative', 'owner_id'])
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).representative;
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('dossiers')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('owner_id', '=', who.id)
            .executeTakeFirstOrThrow()
        ).n,
      );

    // For the company the provider says they represent: the representative is them, as verified.
    const forCompany = await file({ applicant: organisation('1801234567') });
    expect(forCompany.statusCode, forCompany.body).toBe(201);
    expect(await stored(forCompany.json().code)).toEqual({
      fullName: 'Phạm Quốc Huy',
      idNumber: REPRESENTATIVE,
      authorisation: 'Người đại diện theo pháp luật (xác thực qua VNeID)',
      capacity: 'legal_representative',
    });

    // For another company, or another person, without an authorisation: refused, nothing filed.
    const before = await count();
    for (const applicantOfOther of [organisation('1809999999'), applicant({ idNumber: '092190000001' })]) {
      const refused = await file({ applicant: applicantOfOther });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toContain(
        'representative.authorisation',
      );
    }
    // Naming someone else as the representative: refused too.
    const someoneElse = await file({
      applicant: applicant({ idNumber: '092190000001' }),
      representative: { fullName: 'Ai đó', idNumber: '092190000099', authorisation: 'Giấy ủy quyền số 7' },
    });
    expect(someoneElse.statusCode).toBe(400);
    expect(await count()).toBe(before);

    // With the authorisation named: filed, and the authorisation is on the record.
    const authorised = await file({
      applicant: applicant({ idNumber: '092190000001' }),
      representative: {
        fullName: 'Phạm Quốc Huy',
        idNumber: REPRESENTATIVE,
        phone: '0912345678',
        authorisation: 'Giấy ủy quyền số 15/2026/UQ ngày 01/12/2026',
      },
    });
    expect(authorised.statusCode, authorised.body).toBe(201);
    expect(await stored(authorised.json().code)).toEqual({
      fullName: 'Phạm Quốc Huy',
      idNumber: REPRESENTATIVE,
      phone: '0912345678',
      authorisation: 'Giấy ủy quyền số 15/2026/UQ ngày 01/12/2026',
      capacity: 'authorised',
    });
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
