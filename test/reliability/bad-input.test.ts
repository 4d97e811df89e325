import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, birthForm, Desk } from '../dossier-fixtures.js';
import { bearer, type TestApp, testApp } from '../helpers.js';

/**
 * The bad inputs found by trying the API as an attacker would: each one now gets a 400 (or 404/409) with a
 * stable code, never a 500, and changes nothing.
 */
describe('bad input is refused cleanly and changes nothing', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
  });
  afterAll(() => t.close());

  async function counts() {
    const result = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM dossier_events)::int AS events,
              (SELECT count(*) FROM procedure_versions)::int AS versions`,
    );
    return result.rows[0];
  }

  async function counterBody(overrides: Record<string, unknown> = {}) {
    return { procedureCode: '3.000333', channel: 'counter', applicant: applicant(overrides) };
  }

  it('U+0000 in a path, a query or a body is a 400 INVALID_TEXT, also without login', async () => {
    const path = await t.app.inject({ url: '/api/track/%00abcdefghijk' });
    expect(path.statusCode).toBe(400);
    expect(path.json().error.code).toBe('INVALID_TEXT');
    const query = await t.app.inject({ url: '/api/procedures?q=khai%00sinh' });
    expect(query.statusCode).toBe(400);
    const before = await counts();
    const body = await desk.intake('receiver', await counterBody({ fullName: 'Nguyễn\u0000Văn An' }));
    expect(body.statusCode).toBe(400);
    expect(body.json().error).toMatchObject({ code: 'INVALID_TEXT' });
    expect(body.json().error.fields[0].field).toBe('body.applicant.fullName');
    expect(await counts()).toEqual(before);
  });

  it('a lone surrogate in any JSON field is a 400 INVALID_TEXT', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"receiver\\ud800","password":"demo"}',
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.code).toBe('INVALID_TEXT');
    const note = await desk.intake('receiver', await counterBody({ fullName: 'Trần \udc00Bình' }));
    expect(note.statusCode).toBe(400);
  });

  it('formData nested 5,000 deep is a 400 INPUT_TOO_DEEP, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { ...bearer(await desk.token('citizen')), 'content-type': 'application/json' },
      payload: `{"procedureCode":"1.001193","channel":"online","applicant":${JSON.stringify(applicant())},"formData":${deep}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INPUT_TOO_DEEP');
  });

  it('invalid UTF-8 is refused, not stored as U+FFFD', async () => {
    const before = await counts();
    const json = Buffer.from(JSON.stringify(await counterBody({ fullName: 'Nguyen XX An' })));
    const at = json.indexOf('XX');
    json[at] = 0xc3;
    json[at + 1] = 0x28;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { ...bearer(await desk.token('receiver')), 'content-type': 'application/json' },
      payload: json,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_ENCODING');
    expect(await counts()).toEqual(before);
  });

  it('impossible or implausible dates are 400: year 0, 30 February, month 13, birth in 9999', async () => {
    const token = await desk.token('receiver');
    const search = await t.app.inject({ url: '/api/dossiers?to=0000-01-01', headers: bearer(token) });
    expect(search.statusCode).toBe(400);
    for (const birthDate of ['9999-12-31', '0000-01-01', '1850-06-01']) {
      const response = await desk.intake('receiver', await counterBody({ birthDate }));
      expect(response.statusCode, birthDate).toBe(400);
      expect(response.json().error.fields[0].field).toBe('body.applicant.birthDate');
    }
    for (const childBirthDate of ['2026-02-30', '2026-13-01']) {
      const response = await desk.intake('citizen', {
        procedureCode: '1.001193',
        channel: 'online',
        applicant: applicant(),
        formData: { ...birthForm, childBirthDate },
      });
      expect(response.statusCode, childBirthDate).toBe(400);
      expect(response.json().error.fields.map((f: { field: string }) => f.field)).toContain(
        'body.formData.childBirthDate',
      );
    }
  });

  it('a 100,000-character e-mail and an apology dated in year 9999 are refused', async () => {
    const huge = await desk.intake(
      'receiver',
      await counterBody({ email: `${'a'.repeat(100_000)}@example.vn` }),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('INPUT_TOO_LARGE');
    const long = await desk.intake('receiver', await counterBody({ email: `${'a'.repeat(300)}@example.vn` }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0].field).toBe('body.applicant.email');
    const created = await desk.intake('receiver', await counterBody());
    const code = created.json().code as string;
    await desk.ok('receiver', code, { action: 'forward' });
    const apology = await desk.act('agency_head.stp', code, {
      action: 'apologise',
      reason: 'Cần xác minh thêm',
      newDueDate: '9999-12-31',
    });
    expect(apology.statusCode).toBe(400);
    expect(apology.json().error.fields[0].field).toBe('body.newDueDate');
  });

  it('negative or astronomically large time limits and fees are refused; nothing is versioned', async () => {
    const before = await counts();
    const controller = bearer(await desk.token('controller'));
    for (const payload of [
      { timeLimit: { value: 1e308, unit: 'working_days' } },
      { timeLimit: { value: -3, unit: 'working_days' } },
      { fees: [{ amount: 1e308, currency: 'VND', basis: null, description: null, exemptions: null }] },
      { fees: [{ amount: -1, currency: 'VND', basis: null, description: null, exemptions: null }] },
    ]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/procedures/3.000333',
        headers: controller,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it('an absurd time limit already stored answers at once with a clear error instead of freezing the server', async () => {
    const version = await t.db.pool.query(
      `INSERT INTO procedure_versions (procedure_code, version, content)
       SELECT code, 1000, (SELECT content FROM procedure_versions WHERE id = p.version_id) || '{"timeLimit":{"value":1e308,"unit":"working_days"}}'::jsonb
       FROM procedures p WHERE code = '2.000908' RETURNING id`,
    );
    await t.db.pool.query(`UPDATE procedures SET version_id = $1 WHERE code = '2.000908'`, [
      version.rows[0].id,
    ]);
    const started = Date.now();
    const response = await desk.intake('receiver', {
      procedureCode: '2.000908',
      channel: 'counter',
      applicant: applicant(),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PROCEDURE_MISCONFIGURED');
    const health = await t.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });

  it('consulting an unknown agency is a 404, not a foreign-key 500', async () => {
    const created = await desk.intake('receiver', await counterBody());
    const code = created.json().code as string;
    await desk.ok('receiver', code, { action: 'forward' });
    const response = await desk.act('processor.stp', code, {
      action: 'consult',
      agencies: ['999.99.99.H13'],
      question: 'Xin ý kiến về hồ sơ',
      workingDays: 2,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('AGENCY_NOT_FOUND');
  });

  it('notes and names are stored in NFC, whatever form they arrive in', async () => {
    const decomposed = 'Nguyễn Văn Ánh'.normalize('NFD');
    const created = await desk.intake('receiver', await counterBody({ fullName: decomposed }));
    expect(created.statusCode).toBe(201);
    const code = created.json().code as string;
    expect(created.json().applicant.fullName).toBe('Nguyễn Văn Ánh'.normalize('NFC'));
    const note = 'Chuyển phòng Hộ tịch xử lý'.normalize('NFD');
    await desk.ok('receiver', code, { action: 'forward', note });
    const stored = await t.db.pool.query(
      `SELECT e.note FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = $1 AND e.seq = 2`,
      [code],
    );
    expect(stored.rows[0].note).toBe(note.normalize('NFC'));
    expect(stored.rows[0].note).not.toBe(note);
  });
});
