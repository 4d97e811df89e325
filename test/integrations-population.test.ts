import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/roles.js';
import { connect, type Db } from '../src/db/connection.js';
import { httpPopulationRegistry } from '../src/integrations/population/http-client.js';
import { lookupCitizen } from '../src/integrations/population/lookup-citizen.js';
import { PopulationSimulator } from '../src/integrations/population/simulator.js';
import { lookupLog } from '../src/integrations/population/store.js';
import { testDatabaseUrl } from './file-database.js';
import { bearer, type TestApp, testApp, tokenFor } from './helpers.js';

const NHUNG = '092190000001';

describe('population database lookups over HTTP against the simulator', () => {
  let db: Db;
  let officer: Actor;
  const registry = new PopulationSimulator();

  const client = (options: { apiKey?: string; timeoutMs?: number } = {}) =>
    httpPopulationRegistry({
      baseUrl: registry.url,
      apiKey: options.apiKey ?? 'population-demo-key',
      agencyCode: '000.00.01.H13',
      timeoutMs: options.timeoutMs ?? 2_000,
    });
  const lookup = (
    idNumber: string,
    consent: boolean,
    options: { apiKey?: string; timeoutMs?: number } = {},
  ) =>
    lookupCitizen(
      { db: db.kysely, registry: client(options) },
      {
        idNumber,
        purpose: 'prefill_dossier',
        consent: { given: consent, method: 'counter_form' },
        actor: officer,
      },
    );

  beforeAll(async () => {
    db = connect(await testDatabaseUrl(), 2);
    const receiver = await db.kysely
      .selectFrom('users')
      .select(['id', 'username', 'full_name', 'agency_code'])
      .where('username', '=', 'receiver')
      .executeTakeFirstOrThrow();
    officer = {
      id: receiver.id,
      username: receiver.username,
      fullName: receiver.full_name,
      role: 'receiver',
      agencyCode: receiver.agency_code,
      unitId: null,
      unitCode: null,
      provinceWide: true,
    };
    await registry.start();
  });
  afterAll(async () => {
    await registry.stop();
    await db.close();
  });

  it('pre-fills with consent, and logs purpose, time, request id and caller — never whom or what', async () => {
    const result = await lookup(NHUNG, true);
    expect(result).toMatchObject({
      kind: 'found',
      citizen: {
        fullName: 'Nguyễn Thị Hồng Nhung',
        birthDate: '1990-05-12',
        sex: 'female',
        permanentAddress: '12 Trần Hưng Đạo, phường Ninh Kiều, thành phố Cần Thơ',
      },
    });
    expect(registry.lookups.at(-1)).toEqual({
      requestId: result.requestId,
      purpose: 'prefill_dossier',
      agencyCode: '000.00.01.H13',
      found: true,
    });
    const log = await lookupLog(db.kysely, result.requestId);
    expect(log).toMatchObject({ purpose: 'prefill_dossier', outcome: 'found', actor_id: officer.id });
    expect(Date.now() - (log?.at.getTime() ?? 0)).toBeLessThan(60_000);
    const logged = JSON.stringify(log);
    expect(logged).not.toContain(NHUNG);
    expect(logged).not.toContain('Nhung');
    expect(logged).not.toContain('Trần Hưng Đạo');
  });

  it('asks nothing without consent and says so in Vietnamese', async () => {
    const before = registry.traffic.requests;
    const result = await lookup(NHUNG, false);
    expect(result).toMatchObject({ kind: 'refused', reason: 'consent_required' });
    expect(result.kind === 'refused' && result.message).toContain('Cần sự đồng ý');
    expect(registry.traffic.requests).toBe(before);
    expect(await lookupLog(db.kysely, result.requestId)).toMatchObject({
      outcome: 'refused:consent_required',
    });
  });

  it('returns every failure as a result the form can show, and keeps the form usable by hand', async () => {
    expect(await lookup('092000000000', true)).toMatchObject({ kind: 'not_found' });
    expect(await lookup(NHUNG, true, { apiKey: 'wrong' })).toMatchObject({
      kind: 'refused',
      reason: 'not_permitted',
    });

    await registry.outage('unavailable');
    const down = await lookup(NHUNG, true);
    expect(down).toMatchObject({ kind: 'unavailable', reason: 'down' });
    expect(down.kind === 'unavailable' && down.message).toContain('nhập thông tin thủ công');
    await registry.outage('refused');
    expect(await lookup(NHUNG, true)).toMatchObject({ kind: 'unavailable', reason: 'down' });
    await registry.restore();

    registry.answerDelayMs = 300;
    expect(await lookup(NHUNG, true, { timeoutMs: 100 })).toMatchObject({
      kind: 'unavailable',
      reason: 'timeout',
    });
    registry.answerDelayMs = 0;

    registry.rateLimit({ requests: 1, windowMs: 60_000 });
    expect(await lookup(NHUNG, true)).toMatchObject({ kind: 'found' });
    const limited = await lookup(NHUNG, true);
    expect(limited).toMatchObject({ kind: 'unavailable', reason: 'rate_limited' });
    registry.rateLimit(null);
    expect(await lookupLog(db.kysely, limited.requestId)).toMatchObject({
      outcome: 'unavailable:rate_limited',
    });

    const none = await lookupCitizen(
      { db: db.kysely, registry: null },
      { idNumber: NHUNG, purpose: 'verify_applicant', consent: { given: true }, actor: officer },
    );
    expect(none).toMatchObject({ kind: 'unavailable', reason: 'down' });
  });

  it('lets only the officers who take in or check dossiers look people up', async () => {
    const before = registry.traffic.requests;
    for (const role of ['citizen', 'controller', 'admin'] as const)
      await expect(
        lookupCitizen(
          { db: db.kysely, registry: client() },
          {
            idNumber: NHUNG,
            purpose: 'prefill_dossier',
            consent: { given: true },
            actor: { ...officer, role },
          },
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(registry.traffic.requests).toBe(before);
  });

  it('refuses a malformed identity number before anything is asked or logged', async () => {
    await expect(lookup('12345', true)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('POST /api/population/lookups: the counter asks through the API', () => {
  let t: TestApp;
  const registry = new PopulationSimulator();
  const ask = async (username: string, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/population/lookups',
      headers: bearer(await tokenFor(t.app, username)),
      payload: body,
    });

  beforeAll(async () => {
    await registry.start();
    t = await testApp({
      population: httpPopulationRegistry({
        baseUrl: registry.url,
        apiKey: 'population-demo-key',
        agencyCode: '000.00.01.H13',
        timeoutMs: 2_000,
      }),
    });
  });
  afterAll(async () => {
    await t.close();
    await registry.stop();
  });

  it('answers a receiver with the person and the provenance, and logs the lookup under the receiver', async () => {
    const before = Date.now();
    const response = await ask('receiver', {
      idNumber: NHUNG,
      purpose: 'prefill_dossier',
      consent: { given: true, method: 'counter_form' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      kind: 'found',
      citizen: { fullName: 'Nguyễn Thị Hồng Nhung', birthDate: '1990-05-12', sex: 'female' },
    });
    expect(Date.parse(body.answeredAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(registry.lookups.at(-1)?.requestId).toBe(body.requestId);
    const receiver = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'receiver')
      .executeTakeFirstOrThrow();
    expect(await lookupLog(t.db.kysely, body.requestId)).toMatchObject({
      purpose: 'prefill_dossier',
      outcome: 'found',
      actor_id: receiver.id,
    });
  });

  it('without consent asks nothing and answers why; an outage is an answer the form can show, not an error', async () => {
    const before = registry.traffic.requests;
    const refused = await ask('receiver', {
      idNumber: NHUNG,
      purpose: 'prefill_dossier',
      consent: { given: false },
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ kind: 'refused', reason: 'consent_required' });
    expect(registry.traffic.requests).toBe(before);

    await registry.outage('unavailable');
    const down = await ask('postal', {
      idNumber: NHUNG,
      purpose: 'prefill_dossier',
      consent: { given: true, method: 'counter_form' },
    });
    await registry.restore();
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ kind: 'unavailable', reason: 'down' });
  });

  it('refuses a bad identity number with 400, and applicants and administrators with 403', async () => {
    const bad = await ask('receiver', {
      idNumber: '09219000000x',
      purpose: 'prefill_dossier',
      consent: { given: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    for (const username of ['citizen', 'admin'])
      expect(
        (await ask(username, { idNumber: NHUNG, purpose: 'prefill_dossier', consent: { given: true } }))
          .statusCode,
      ).toBe(403);
  });
});
