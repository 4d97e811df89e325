import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustProxyOption } from '../src/http/security.js';
import { applicant, CENTRE, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';

/** Issue 15, "tried as an attacker would" — browser and network: each case failed on the code before. */
describe('hardened portal', () => {
  let t: TestApp;
  let desk: Desk;
  let code: string;

  async function cookieOf(app: TestApp['app'], username: string): Promise<string> {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'demo' },
    });
    return login.cookies.find((c) => c.name === 'motcua_session')?.value ?? '';
  }

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    code = (
      await desk.intake('receiver', { procedureCode: '3.000333', channel: 'counter', applicant: applicant() })
    ).json().code;
  });
  afterAll(() => t.close());

  it('sends security headers: CSP without inline script, no framing, nosniff, referrer policy', async () => {
    for (const url of ['/', '/api/procedures', `/api/track/${code}`]) {
      const response = await t.app.inject({ url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      // Plain http: HSTS would lock browsers out of an install without TLS.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('marks every answer with personal data no-store: dossier, events, PDF, search, own list', async () => {
    const token = await desk.token('receiver');
    for (const url of [
      `/api/dossiers/${code}`,
      `/api/dossiers/${code}/events`,
      `/api/dossiers/${code}/forms/receipt.pdf`,
      '/api/dossiers?q=092190',
      `/api/logbook.pdf?agency=${CENTRE}&year=${new Date().getFullYear()}`,
    ]) {
      const response = await t.app.inject({ url, headers: bearer(token) });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('refuses a cookie-authenticated write from another origin (403) and changes nothing', async () => {
    const cookie = await cookieOf(t.app, 'receiver');
    const body = { procedureCode: '3.000333', channel: 'counter', applicant: applicant() };
    const before = await t.db.kysely
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const headers of [
      { origin: 'https://evil.example' },
      { referer: 'https://evil.example/form.html' },
      {},
    ]) {
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        cookies: { motcua_session: cookie },
        headers,
        payload: body,
      });
      expect(forged.statusCode, JSON.stringify(headers)).toBe(403);
      expect(forged.json().error.code).toBe('CROSS_ORIGIN_REFUSED');
    }
    const after = await t.db.kysely
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // From the portal itself (the public URL, or the host the browser reached) the same write goes through.
    for (const origin of ['https://dichvucong.cantho.example', 'http://127.0.0.1:3000']) {
      const own = await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        cookies: { motcua_session: cookie },
        headers: { origin, host: '127.0.0.1:3000' },
        payload: { ...body, applicant: applicant() },
      });
      expect(own.statusCode, origin).toBe(201);
    }
    // A bearer token is not sent by browsers on their own: API clients are not checked.
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { ...bearer(await desk.token('receiver')), origin: 'https://evil.example' },
      payload: { ...body, applicant: applicant() },
    });
    expect(api.statusCode).toBe(201);
  });

  it('throttles public tracking and writes per client address, apart from each other', async () => {
    const limited = await testApp({ security: { trackingPerMinute: 5, writesPerMinute: 3 } });
    try {
      const guesses = [];
      for (let serial = 1; serial <= 8; serial++)
        guesses.push(
          (
            await limited.app.inject({
              url: `/api/track/${CENTRE}-990101-${String(serial).padStart(4, '0')}`,
            })
          ).statusCode,
        );
      expect(guesses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
      expect(guesses.slice(5)).toEqual([429, 429, 429]);
      const refused = await limited.app.inject({ url: `/api/track/${code}` });
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBeDefined();
      // Another address has its own budget.
      const other = await limited.app.inject({ url: `/api/track/${code}`, remoteAddress: '10.1.2.3' });
      expect(other.statusCode).toBe(200);

      const token = await new Desk(limited.app).token('receiver');
      const writes = [];
      for (let i = 0; i < 4; i++)
        writes.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/dossiers',
              headers: bearer(token),
              payload: { procedureCode: '3.000333', channel: 'counter', applicant: applicant() },
            })
          ).statusCode,
        );
      expect(writes).toEqual([201, 201, 201, 429]);
      // Reading is not a write: the officer still works.
      expect((await limited.app.inject({ url: '/api/queue', headers: bearer(token) })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('shows public tracking only progress: no procedure, no applicant', async () => {
    const tracked = await t.app.inject({ url: `/api/track/${code}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ code, status: expect.any(String) });
    expect(tracked.json()).not.toHaveProperty('procedure');
    expect(tracked.body).not.toContain('Nguyễn');
    expect(tracked.body).not.toContain('0901234567');
  });

  it('behind a trusted TLS proxy sets the session cookie Secure and HSTS; an untrusted header changes nothing', async () => {
    const proxied = await testApp({ trustProxy: true });
    try {
      const login = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'citizen', password: 'demo' },
      });
      expect(login.cookies.find((c) => c.name === 'motcua_session')?.secure).toBe(true);
      expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
    const direct = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'citizen', password: 'demo' },
    });
    expect(direct.cookies.find((c) => c.name === 'motcua_session')?.secure).toBeFalsy();
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });

  it('reads MOTCUA_TRUST_PROXY as a flag, a hop count or a list of addresses', () => {
    expect(trustProxyOption('false')).toBe(false);
    expect(trustProxyOption('true')).toBe(true);
    expect(trustProxyOption('10.0.0.0/8, 127.0.0.1')).toBe('10.0.0.0/8, 127.0.0.1');
    const hops = trustProxyOption('1');
    expect(typeof hops).toBe('function');
    if (typeof hops === 'function') {
      expect(hops('10.0.0.1', 0)).toBe(true);
      expect(hops('10.0.0.1', 1)).toBe(false);
    }
  });
});
