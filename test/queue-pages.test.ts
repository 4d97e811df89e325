import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_COUNT_CAP } from '../src/dossiers/queries.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, type TestClock, testApp } from './helpers.js';

interface QueuePage {
  items: { code: string; stepDueAt: string | null }[];
  total: number;
  totalIsExact: boolean;
  next: string | null;
}

describe('the officer queue pages by cursor and caps its count', () => {
  const clock: TestClock = { now: Date.parse('2026-11-23T08:00:00+07:00') };
  let t: TestApp;
  let desk: Desk;
  const codes: string[] = [];
  let saved: { code: string; step_due_at: Date }[] = [];

  beforeAll(async () => {
    t = await testApp({ clock });
    desk = new Desk(t.app);
    // Pairs filed in the same minute share a step due time, so the id has to break the tie.
    for (let i = 0; i < 23; i++) {
      clock.now += (i % 2) * 60_000;
      const response = await desk.intake('receiver', {
        procedureCode: '1.013233',
        channel: 'counter',
        applicant: applicant(),
      });
      expect(response.statusCode, response.body).toBe(201);
      codes.push(response.json().code);
    }
    // Steps without a due time come last, after every dated one. The rows are put back as they were after
    // the tests, so the file's closing check of projections against events still holds.
    saved = (
      await t.db.pool.query('SELECT code, step_due_at FROM dossiers WHERE code = ANY($1)', [
        codes.slice(3, 7),
      ])
    ).rows;
    await t.db.pool.query('UPDATE dossiers SET step_due_at = NULL WHERE code = ANY($1)', [codes.slice(3, 7)]);
  });
  afterAll(async () => {
    for (const row of saved)
      await t.db.pool.query('UPDATE dossiers SET step_due_at = $2 WHERE code = $1', [
        row.code,
        row.step_due_at,
      ]);
    await t.db.pool.query("DELETE FROM dossiers WHERE code LIKE '%-C%'");
    await t.close();
  });

  const get = async (url: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: bearer(await desk.token('receiver')),
    });
    return response;
  };

  async function walk(pageSize: number) {
    const seen: string[] = [];
    let url = `/api/queue?scope=mine&pageSize=${pageSize}`;
    for (let guard = 0; guard < 100; guard++) {
      const response = await get(url);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as QueuePage;
      seen.push(...page.items.map((d) => d.code));
      if (!page.next) return seen;
      url = `/api/queue?scope=mine&pageSize=${pageSize}&after=${page.next}`;
    }
    throw new Error('the queue never ended');
  }

  it('gives every waiting dossier once, in (step due, id) order with undated steps last, whatever the page size', async () => {
    const expected = (
      await t.db.pool.query(
        `SELECT code FROM dossiers WHERE status IN ('submitted', 'accepted', 'processing', 'processed')
           AND receiving_agency = '000.00.01.H13' AND step_key = 'receive'
         ORDER BY step_due_at ASC NULLS LAST, id`,
      )
    ).rows.map((r) => r.code as string);
    expect(expected).toEqual(expect.arrayContaining(codes));
    expect(expected.slice(-4).sort()).toEqual(codes.slice(3, 7).sort());
    for (const size of [1, 4, 5, 7, 200]) expect(await walk(size), `page size ${size}`).toEqual(expected);
    // Page numbers give the same order (the web's older links keep working).
    const byNumber: string[] = [];
    for (let page = 1; byNumber.length < expected.length; page++) {
      const response = await get(`/api/queue?scope=mine&pageSize=6&page=${page}`);
      const items = (response.json() as QueuePage).items.map((d) => d.code);
      if (items.length === 0) break;
      byNumber.push(...items);
    }
    expect(byNumber).toEqual(expected);
  });

  it("lists the applicant's name and none of their details, documents or form data", async () => {
    const { rows } = await t.db.pool.query('SELECT applicant FROM dossiers WHERE code = $1', [codes[0]]);
    for (const url of ['/api/queue?scope=mine&pageSize=200', `/api/dossiers?q=${codes[0]}`]) {
      const response = await get(url);
      expect(response.statusCode, response.body).toBe(200);
      const item = response.json().items.find((d: { code: string }) => d.code === codes[0]);
      expect(item, url).toMatchObject({ code: codes[0], applicantName: rows[0].applicant.fullName });
      for (const field of ['applicant', 'representative', 'documents', 'formData'])
        expect(item, `${url} ${field}`).not.toHaveProperty(field);
      expect(response.body).not.toContain(rows[0].applicant.idNumber);
      expect(response.body).not.toContain(rows[0].applicant.phone);
    }
    // The dossier's own page still has all of it.
    const whole = await get(`/api/dossiers/${codes[0]}`);
    expect(whole.json()).toMatchObject({
      applicantName: rows[0].applicant.fullName,
      applicant: { idNumber: rows[0].applicant.idNumber },
    });
    for (const field of ['documents', 'formData']) expect(whole.json()).toHaveProperty(field);
  });

  it('refuses a cursor it did not write', async () => {
    for (const after of ['abc', Buffer.from('1.0').toString('base64url'), 'x'.repeat(80)]) {
      const response = await get(`/api/queue?scope=mine&after=${after}`);
      expect(response.statusCode, after).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('counts exactly up to the cap and says "more than" beyond it', async () => {
    const before = (await get('/api/queue?scope=mine&pageSize=1')).json() as QueuePage;
    expect(before.totalIsExact).toBe(true);
    expect(before.total).toBeGreaterThanOrEqual(codes.length);
    // Copies of one waiting dossier push the queue past the cap without a thousand intakes.
    await t.db.pool.query(
      `INSERT INTO dossiers
       SELECT (jsonb_populate_record(d, jsonb_build_object('id', nextval(pg_get_serial_sequence('dossiers', 'id')),
         'code', d.code || '-C' || g))).*
       FROM dossiers d, generate_series(1, $2::int) g WHERE d.code = $1`,
      [codes[0], QUEUE_COUNT_CAP],
    );
    const after = (await get('/api/queue?scope=mine&pageSize=1')).json() as QueuePage;
    expect(after.totalIsExact).toBe(false);
    expect(after.total).toBe(QUEUE_COUNT_CAP);
    expect(after.next).not.toBeNull();
  });
});
