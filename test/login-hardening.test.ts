import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { purgeSessions } from '../src/auth/purge-sessions.js';
import { DEFAULT_AUTH_SETTINGS } from '../src/auth/settings.js';
import { upsertUser } from '../src/auth/store.js';
import { bearer, type TestApp, type TestClock, testApp } from './helpers.js';

const MINUTE = 60_000;

async function newCitizen(t: TestApp, username: string, password = 'demo'): Promise<void> {
  await upsertUser(t.db.kysely, {
    username,
    fullName: 'Trần Văn Bình',
    role: 'citizen',
    agencyCode: null,
    unitId: null,
    passwordHash: await hashPassword(password),
    demo: false,
  });
}

function attempt(t: TestApp, username: string, password: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

async function tokenOf(t: TestApp, username: string, password = 'demo'): Promise<string> {
  const response = await attempt(t, username, password);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ token: string }>().token;
}

function me(t: TestApp, token: string) {
  return t.app.inject({ url: '/api/auth/me', headers: bearer(token) });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

describe('login hardening', () => {
  const clock: TestClock = { now: Date.parse('2026-11-23T02:00:00Z') };
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({
      clock,
      auth: {
        lockoutAfter: 3,
        lockoutBaseSeconds: 30,
        lockoutMaxSeconds: 600,
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 2,
      },
    });
  }, 60_000);
  afterAll(() => t.close());

  it('limits login attempts per address, leaving other addresses alone', async () => {
    const limited = await testApp({ auth: { loginPerIpPerMinute: 5, lockoutAfter: 1_000 } });
    try {
      const answers: number[] = [];
      for (let i = 0; i < 7; i++)
        answers.push((await attempt(limited, 'citizen', 'sai', '10.9.9.9')).statusCode);
      expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const refused = await attempt(limited, 'citizen', 'demo', '10.9.9.9');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(limited, 'citizen', 'demo', '10.9.9.10')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('locks a login name after repeated failures, with a lock that doubles, then lets the owner in', async () => {
    await newCitizen(t, 'lock.owner');
    expect((await attempt(t, 'lock.owner', 'sai-1')).statusCode).toBe(401);
    expect((await attempt(t, 'lock.owner', 'sai-2')).statusCode).toBe(401);
    expect((await attempt(t, 'lock.owner', 'sai-3')).statusCode).toBe(401);
    // Locked: even the right password is refused until the lock ends.
    const locked = await attempt(t, 'lock.owner', 'demo');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_LOCKED');
    expect(locked.headers['retry-after']).toBe('30');
    clock.now += 31_000;
    // One more failure after the lock: twice as long.
    expect((await attempt(t, 'lock.owner', 'sai-4')).statusCode).toBe(401);
    expect((await attempt(t, 'lock.owner', 'demo')).headers['retry-after']).toBe('60');
    clock.now += 61_000;
    expect((await attempt(t, 'lock.owner', 'demo')).statusCode).toBe(200);
    // A success starts the count afresh.
    expect((await attempt(t, 'lock.owner', 'sai-5')).statusCode).toBe(401);
    expect((await attempt(t, 'lock.owner', 'demo')).statusCode).toBe(200);
  });

  it('locks an unknown login name exactly like a known one (the lock reveals nothing)', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) answers.push((await attempt(t, 'khong.ton.tai', `sai-${i}`)).statusCode);
    expect(answers).toEqual([401, 401, 401, 429]);
  });

  it('answers an unknown name as slowly as a known name with a wrong password (medians within 20 %)', async () => {
    const timing = await testApp({ auth: { lockoutAfter: 1_000_000 } });
    try {
      await newCitizen(timing, 'timing.known');
      const measure = async (username: string) => {
        const started = process.hrtime.bigint();
        const response = await attempt(timing, username, 'mat-khau-sai');
        expect(response.statusCode).toBe(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      await measure('timing.known');
      await measure('timing.unknown');
      const known: number[] = [];
      const unknown: number[] = [];
      // Interleaved, in alternating order, so that load on the machine falls on both alike.
      for (let i = 0; i < 20; i++) {
        if (i % 2) {
          known.push(await measure('timing.known'));
          unknown.push(await measure(`timing.unknown${i}`));
        } else {
          unknown.push(await measure(`timing.unknown${i}`));
          known.push(await measure('timing.known'));
        }
      }
      const [a, b] = [median(known), median(unknown)];
      expect(Math.abs(a - b) / Math.max(a, b), `known ${a} ms, unknown ${b} ms`).toBeLessThan(0.2);
    } finally {
      await timing.close();
    }
  }, 120_000);

  it('ends the session on logout', async () => {
    await newCitizen(t, 'logout.user');
    const token = await tokenOf(t, 'logout.user');
    expect((await me(t, token)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    expect((await me(t, token)).statusCode).toBe(401);
  });

  it('ends a session left idle, and a busy one at its absolute end', async () => {
    await newCitizen(t, 'idle.user');
    const idle = await tokenOf(t, 'idle.user');
    const busy = await tokenOf(t, 'idle.user');
    const elapse = async (minutes: number, token: string) => {
      clock.now += minutes * MINUTE;
      return (await me(t, token)).statusCode;
    };
    expect(await elapse(29, idle)).toBe(200);
    expect(await elapse(0, busy)).toBe(200);
    expect(await elapse(29, busy)).toBe(200);
    // Last used 31 minutes ago: ended, though its absolute end is far.
    expect(await elapse(2, idle)).toBe(401);
    expect(await elapse(27, busy)).toBe(200);
    expect(await elapse(29, busy)).toBe(200);
    // Used every half hour, it still ends two hours after login.
    expect(await elapse(5, busy)).toBe(401);
  });

  it('purges ended sessions and keeps live ones', async () => {
    await newCitizen(t, 'purge.user');
    const user = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'purge.user')
      .executeTakeFirstOrThrow();
    const sessionsOfUser = async () =>
      (await t.db.kysely.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute())
        .length;
    await tokenOf(t, 'purge.user');
    clock.now += 20 * MINUTE;
    const live = await tokenOf(t, 'purge.user');
    clock.now += 20 * MINUTE;
    const settings = { ...DEFAULT_AUTH_SETTINGS, sessionIdleMinutes: 30 };
    expect(await sessionsOfUser()).toBe(2);
    expect(await purgeSessions(t.db.kysely, settings, new Date(clock.now))).toBeGreaterThanOrEqual(1);
    expect(await sessionsOfUser()).toBe(1);
    expect((await me(t, live)).statusCode).toBe(200);
  });

  it('ends every session of the account on a password change, and checks the new password', async () => {
    await newCitizen(t, 'change.user');
    const first = await tokenOf(t, 'change.user');
    const second = await tokenOf(t, 'change.user');
    const change = (body: object) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(first), payload: body });
    const wrongCurrent = await change({ currentPassword: 'sai', newPassword: 'hoa sen nở giữa đầm' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.fields[0].field).toBe('currentPassword');
    const weak = await change({ currentPassword: 'demo', newPassword: 'Password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].field).toBe('newPassword');
    expect((await me(t, second)).statusCode).toBe(200);
    expect((await change({ currentPassword: 'demo', newPassword: 'hoa sen nở giữa đầm' })).statusCode).toBe(
      204,
    );
    expect((await me(t, first)).statusCode).toBe(401);
    expect((await me(t, second)).statusCode).toBe(401);
    expect((await attempt(t, 'change.user', 'demo')).statusCode).toBe(401);
    expect((await attempt(t, 'change.user', 'hoa sen nở giữa đầm')).statusCode).toBe(200);
  });

  it('a password change in one server process ends the sessions another holds in memory', async () => {
    const other = await testApp({ clock });
    try {
      await newCitizen(t, 'two.processes');
      const token = await tokenOf(t, 'two.processes');
      expect((await me(other, token)).statusCode).toBe(200);
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(token),
        payload: { currentPassword: 'demo', newPassword: 'mưa rơi trên mái nhà' },
      });
      expect(changed.statusCode).toBe(204);
      const deadline = Date.now() + 5_000;
      while ((await me(other, token)).statusCode !== 401) {
        if (Date.now() > deadline) throw new Error('the other process still trusts the session');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await other.close();
    }
  });
});
