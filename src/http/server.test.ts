import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestApp, testApp, testDocuments, tokenFor } from '../../test/helpers.js';
import { agencyClocks } from '../catalog/agency-clocks.js';
import { connect } from '../db/connection.js';
import { buildServer } from './server.js';

describe('HTTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('answers /healthz 200 when the database answers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /healthz 503 when the database does not', async () => {
    const dead = connect('postgres://nobody:nothing@127.0.0.1:1/none', 1);
    const app = await buildServer(
      {
        db: dead.kysely,
        pool: dead.pool,
        clocks: agencyClocks(dead.kysely),
        today: () => '2026-11-23',
        now: () => Date.now(),
        publicUrl: 'http://localhost',
        documents: await testDocuments('http://localhost'),
      },
      { logLevel: 'silent' },
    );
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      const catalogue = await app.inject({ method: 'GET', url: '/api/procedures' });
      expect(catalogue.statusCode).toBe(503);
      expect(catalogue.headers['retry-after']).toBe('5');
      expect(catalogue.json().error.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await app.close();
      await dead.close();
    }
  });

  it('publishes OpenAPI 3.1 and readable docs', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/procedures',
        '/api/procedures/{code}',
        '/api/agencies',
        '/api/fields',
        '/api/calendar/due',
      ]),
    );
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('maps unknown routes and malformed bodies to stable codes without a stack trace', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    expect(malformed.body).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  describe('login', () => {
    it('opens a session for a demo account and identifies it', async () => {
      const token = await tokenFor(t.app, 'receiver.stp');
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      expect(me.json()).toMatchObject({
        username: 'receiver.stp',
        role: 'receiver',
        agencyCode: '000.00.05.H13',
      });
      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
      ).toBe(401);
    });

    it('refuses a wrong password and an unknown user with the same message', async () => {
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'receiver', password: 'x' },
      });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ghost', password: 'x' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('keeps the web session in an HttpOnly cookie that authenticates later requests, until logout', async () => {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'citizen', password: 'demo' },
      });
      const cookie = login.cookies.find((c) => c.name === 'motcua_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { motcua_session: cookie?.value ?? '' },
      });
      expect(me.json()).toMatchObject({ username: 'citizen', role: 'citizen' });
      const logout = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { origin: 'https://dichvucong.cantho.example' },
        cookies: { motcua_session: cookie?.value ?? '' },
      });
      expect(logout.cookies.find((c) => c.name === 'motcua_session')?.value).toBe('');
      const after = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { motcua_session: cookie?.value ?? '' },
      });
      expect(after.statusCode).toBe(401);
    });

    it('refuses a forged token', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer('forged') });
      expect(response.statusCode).toBe(401);
    });
  });
});
