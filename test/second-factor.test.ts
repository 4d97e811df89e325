import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer } from './dossier-fixtures.js';
import { type TestApp, type TestClock, testApp } from './helpers.js';

const WARD = '000.31135.H13';

describe('a second factor (TOTP) for administrators and controllers', () => {
  const clock: TestClock = { now: Date.parse('2026-12-07T09:00:00+07:00') };
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp({ clock, auth: { secondFactorRoles: ['admin', 'controller'] } });
    await createOfficer(t.db, 'controller.totp', 'controller', WARD);
    await createOfficer(t.db, 'processor.totp', 'processor', WARD);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  const password = (username: string) => post('/api/auth/login', { username, password: 'demo' });
  const code = (secret: string, at = clock.now) => generate({ secret, epoch: Math.floor(at / 1_000) });
  const second = (challenge: string, value: string) =>
    post('/api/auth/login/second-factor', { challenge, code: value });

  it('a controller without an authenticator app enrols during the login, then needs a code every time', async () => {
    const first = await password('controller.totp');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ kind: 'second_factor', method: 'totp_enrolment' });
    expect(first.headers['set-cookie']).toBeUndefined();
    const { challenge } = first.json();

    // No secret offered yet: no code can be right.
    expect((await second(challenge, '123456')).statusCode).toBe(409);

    const enrolment = await post('/api/auth/login/totp-enrolment', { challenge });
    expect(enrolment.statusCode, enrolment.body).toBe(200);
    const { secret, uri, qrSvg } = enrolment.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*controller\.totp.*secret=/);
    expect(qrSvg).toMatch(/^<svg/);
    expect(enrolment.headers['cache-control']).toBe('no-store');

    const wrong = await second(challenge, '000000');
    expect(wrong.statusCode).toBe(400);
    const done = await second(challenge, await code(secret));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ kind: 'session', user: { username: 'controller.totp' } });
    expect(String(done.headers['set-cookie'])).toMatch(/motcua_session=/);
    const me = await t.app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${done.json().token}` },
    });
    expect(me.json()).toMatchObject({ username: 'controller.totp', role: 'controller' });
    // The challenge opened one session and is gone.
    expect((await second(challenge, await code(secret))).statusCode).toBe(401);

    // Next login: the password asks for the app's code; the code already used is refused (a replay).
    const again = await password('controller.totp');
    expect(again.json()).toMatchObject({ kind: 'second_factor', method: 'totp' });
    const replay = await second(again.json().challenge, await code(secret));
    expect(replay.statusCode).toBe(400);
    // Enrolling again is not offered to an account that has an app.
    expect(
      (await post('/api/auth/login/totp-enrolment', { challenge: again.json().challenge })).statusCode,
    ).toBe(409);
    clock.now += 30_000;
    const next = await second(again.json().challenge, await code(secret));
    expect(next.statusCode, next.body).toBe(200);
  });

  it('five wrong codes end the challenge and lock the name like wrong passwords; a challenge lasts five minutes', async () => {
    const row = await t.db.kysely
      .selectFrom('users')
      .select(['totp_secret'])
      .where('username', '=', 'controller.totp')
      .executeTakeFirstOrThrow();
    const secret = row.totp_secret ?? '';
    clock.now += 60_000;

    const guessed = (await password('controller.totp')).json().challenge;
    for (let i = 0; i < 4; i++) expect((await second(guessed, '111111')).statusCode).toBe(400);
    expect((await second(guessed, '111111')).statusCode).toBe(401);
    // Even the right code cannot use it now.
    expect((await second(guessed, await code(secret))).statusCode).toBe(401);
    // The wrong codes count against the login name: the password alone cannot start again for a while, so
    // whoever holds the password cannot guess codes at the login rate.
    const locked = await password('controller.totp');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    clock.now += 31_000;

    const slow = (await password('controller.totp')).json().challenge;
    clock.now += 5 * 60_000 + 1_000;
    expect((await second(slow, await code(secret))).statusCode).toBe(401);
  });

  it('other roles, and the demo accounts, sign in with the password alone', async () => {
    for (const username of ['processor.totp', 'controller', 'admin']) {
      const login = await password(username);
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json().kind).toBe('session');
      expect(login.json().token).toBeTruthy();
    }
  });

  it('a wrong password still says nothing of the second factor', async () => {
    const wrong = await post('/api/auth/login', { username: 'controller.totp', password: 'sai mật khẩu' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toMatch(/challenge/);
  });
});
