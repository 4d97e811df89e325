import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Http, type RunningServer, startServer } from '../bench/lib/server.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { testDatabaseUrl } from './file-database.js';
import { bearer, type TestApp, testApp, testFilesDir, tokenFor } from './helpers.js';

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not seen in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Status of a request to the other server process (its refusals are answers here, not exceptions). */
async function status(base: string, method: string, url: string, token: string | null, body?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Two server processes on one database, each with its own memory and change feed: what one keeps in memory
 * follows what the other changes — a logout ends the session everywhere, an edited or abolished procedure
 * applies to the other's very next intakes.
 */
describe('what a server process keeps in memory follows changes made by another', () => {
  let here: TestApp;
  let other: RunningServer;
  let otherToken: string;
  beforeAll(async () => {
    here = await testApp();
    other = await startServer(await testDatabaseUrl(), 4, await testFilesDir());
    otherToken = await new Http(other.base).login('receiver');
  }, 60_000);
  afterAll(async () => {
    await other.stop();
    await here.close();
  });

  it('a logout here ends the session on the other process', async () => {
    const token = await tokenFor(here.app, 'receiver');
    expect((await status(other.base, 'GET', '/api/auth/me', token)).status).toBe(200);
    expect((await status(other.base, 'GET', '/api/auth/me', token)).status).toBe(200);
    const out = await here.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    await eventually(async () => (await status(other.base, 'GET', '/api/auth/me', token)).status === 401);
  });

  it('a procedure edited here is the version the other process receives the next dossier under', async () => {
    const desk = new Desk(here.app);
    const intake = () =>
      status(other.base, 'POST', '/api/dossiers', otherToken, {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: applicant(),
      });
    const before = await intake();
    expect(before.status).toBe(201);
    const edit = await here.app.inject({
      method: 'PUT',
      url: '/api/procedures/3.000333',
      headers: bearer(await desk.token('controller')),
      payload: { timeLimit: { value: 9, unit: 'working_days' }, note: 'Thời hạn mới' },
    });
    expect(edit.statusCode).toBe(200);
    await eventually(async () => (await intake()).body.procedureVersionId !== before.body.procedureVersionId);
  });

  it('a procedure abolished here stops being offered by the other process', async () => {
    const desk = new Desk(here.app);
    const intake = () =>
      status(other.base, 'POST', '/api/dossiers', otherToken, {
        procedureCode: '2.001019',
        channel: 'counter',
        applicant: applicant(),
      });
    expect((await intake()).status).toBe(201);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const abolish = await here.app.inject({
      method: 'POST',
      url: '/api/procedures/2.001019/publications',
      headers: bearer(await desk.token('controller')),
      payload: {
        kind: 'abolish',
        decisionNumber: 'BB-01/QĐ-UBND',
        decisionDate: today,
        effectiveDate: today,
      },
    });
    expect(abolish.statusCode).toBe(201);
    await eventually(async () => (await intake()).status === 404);
  });
});
