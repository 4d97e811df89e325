import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyClocks } from '../src/catalog/agency-clocks.js';
import { parseProcedureRow } from '../src/catalog/procedure-row.js';
import { addPublication, upsertProcedure } from '../src/catalog/procedure-store.js';
import { genericProcess } from '../src/demo/processes.js';
import { verifyDossiers } from '../src/dossiers/verify.js';
import { createDraftProcess } from '../src/workflow/create-draft.js';
import { publishProcess } from '../src/workflow/publish-process.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, type TestClock, testApp } from './helpers.js';

describe('concurrency and the event log', () => {
  // A day no other test uses, so the centre's serials of that day start at 1.
  const clock: TestClock = { now: Date.parse('2031-03-04T09:00:00+07:00') };
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await testApp({ clock });
    desk = new Desk(t.app);
    await desk.token('receiver');
  });
  afterAll(() => t.close());

  it('50 parallel intakes get 50 distinct, sequential codes', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        desk.intake('receiver', { procedureCode: '3.000333', channel: 'counter', applicant: applicant() }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const serials = responses
      .map((r) => Number((r.json().code as string).split('-')[2]))
      .sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(responses.map((r) => r.json().code)).size).toBe(50);
    expect(responses[0]?.json().code).toMatch(/^000\.00\.01\.H13-310304-\d{4}$/);
  });

  it('20 parallel conflicting actions on one step: exactly one succeeds, the others get 409', async () => {
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant(),
    });
    const code = created.json().code as string;
    const token = await desk.token('receiver');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({
          method: 'POST',
          url: `/api/dossiers/${code}/actions`,
          headers: bearer(token),
          payload: { action: 'forward', version: 1 },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const events = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = $1',
      [code],
    );
    expect(events.rows[0].n).toBe(2);
  });

  it('20 retries with one idempotency key create one dossier and return the same response', async () => {
    const body = { procedureCode: '3.000333', channel: 'counter', applicant: applicant() };
    const key = `retry-${Date.now()}-${Math.random()}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => desk.intake('receiver', body, key)));
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.json().code)).size).toBe(1);
    const count = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM dossiers WHERE applicant_id_number = $1',
      [(body.applicant as { idNumber: string }).idNumber],
    );
    expect(count.rows[0].n).toBe(1);
    const other = await desk.intake('receiver', { ...body, channel: 'postal' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a retry gets its first response even after the procedure stopped being offered', async () => {
    const code = '9.930001';
    const parsed = parseProcedureRow({
      code,
      name: 'Thủ tục thử thu hồi',
      field: 'Thử nghiệm',
      level: 'Cấp tỉnh',
      time_value: '5',
      time_unit: 'Ngày làm việc',
      submission_channels: 'Trực tiếp',
    });
    if (!parsed.ok) throw new Error('fixture');
    await upsertProcedure(t.db.kysely, parsed.procedure);
    await addPublication(
      t.db.kysely,
      code,
      { kind: 'publish', decisionNumber: 'T-1', decisionDate: '2030-01-01', effectiveDate: '2030-01-01' },
      null,
    );
    const draft = await createDraftProcess(
      t.db.kysely,
      agencyClocks(t.db.kysely),
      null,
      code,
      genericProcess(5),
      '2031-03-04',
    );
    await publishProcess(t.db.kysely, null, draft.id, 'T-2', '2030-01-01');
    const body = { procedureCode: code, channel: 'counter', applicant: applicant() };
    const key = `unpublished-${Date.now()}`;
    const first = await desk.intake('receiver', body, key);
    expect(first.statusCode).toBe(201);
    await addPublication(
      t.db.kysely,
      code,
      { kind: 'abolish', decisionNumber: 'T-3', decisionDate: '2031-03-01', effectiveDate: '2031-03-01' },
      null,
    );
    expect((await desk.intake('receiver', { ...body, applicant: applicant() })).statusCode).toBe(404);
    const retry = await desk.intake('receiver', body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().code).toBe(first.json().code);
  });

  it('refuses to change or delete an event, and verify finds a projection that drifted from its events', async () => {
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant(),
    });
    const code = created.json().code as string;
    await expect(
      t.db.pool.query(
        "UPDATE dossier_events SET note = 'x' WHERE dossier_id = (SELECT id FROM dossiers WHERE code = $1)",
        [code],
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.pool.query(
        'DELETE FROM dossier_events WHERE dossier_id = (SELECT id FROM dossiers WHERE code = $1)',
        [code],
      ),
    ).rejects.toThrow(/append-only/);
    await t.db.pool.query("UPDATE dossiers SET status = 'processing', national_status = 4 WHERE code = $1", [
      code,
    ]);
    try {
      const report = await verifyDossiers(t.db.kysely);
      expect(report.differences).toContainEqual({
        code,
        field: 'status',
        projection: 'processing',
        events: 'accepted',
      });
    } finally {
      await t.db.pool.query("UPDATE dossiers SET status = 'accepted', national_status = 2 WHERE code = $1", [
        code,
      ]);
    }
  });
});
