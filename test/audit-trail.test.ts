import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditWriter } from '../src/audit/audit-writer.js';
import { verifyAuditTrail } from '../src/audit/store.js';
import type { Database } from '../src/db/schema.js';
import { applicant, birthForm, Desk, NINH_KIEU } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';

/** Issue 15: reads of personal data and officers' changes leave a trace; the log carries no personal data. */
describe('audit trail', () => {
  let t: TestApp;
  let desk: Desk;
  let code: string;
  const idNumber = '079301004321';
  const log: string[] = [];

  async function trail(dossier: string) {
    return t.db.kysely
      .selectFrom('audit_trail')
      .selectAll()
      .where('dossier_code', '=', dossier)
      .orderBy('id')
      .execute();
  }

  beforeAll(async () => {
    t = await testApp({ log: { write: (line) => void log.push(line) } });
    desk = new Desk(t.app);
    code = (
      await desk.intake('citizen', {
        procedureCode: '1.001193',
        channel: 'online',
        applicant: applicant({
          fullName: 'Đặng Thị Mỹ Duyên',
          idNumber,
          phone: '0987654321',
          email: 'duyen@example.vn',
        }),
        formData: birthForm,
      })
    ).json().code;
  });
  afterAll(() => t.close());

  it('records every officer read of personal data: dossier, events, a form, search by identity number, logbook', async () => {
    const token = bearer(await desk.token('receiver.ninhkieu'));
    const reads = [
      `/api/dossiers/${code}`,
      `/api/dossiers/${code}/events`,
      `/api/dossiers/${code}/forms/control-slip.pdf`,
      `/api/dossiers?q=${idNumber}`,
      `/api/logbook.pdf?agency=${NINH_KIEU}&year=${new Date().getFullYear()}`,
    ];
    for (const url of reads) expect((await t.app.inject({ url, headers: token })).statusCode, url).toBe(200);
    const receiver = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'receiver.ninhkieu')
      .executeTakeFirstOrThrow();
    await vi.waitFor(
      async () => {
        const rows = await t.db.kysely
          .selectFrom('audit_trail')
          .selectAll()
          .where('actor_id', '=', receiver.id)
          .execute();
        expect(rows.map((r) => r.purpose).sort()).toEqual(
          ['dossier.events', 'dossier.form', 'dossier.read', 'dossier.search', 'logbook.read'].sort(),
        );
        for (const row of rows) {
          expect(row).toMatchObject({ kind: 'read', actor_role: 'receiver', actor_agency: NINH_KIEU });
          expect(row.request_id).not.toBe('');
          expect(row.hash).toBeInstanceOf(Buffer);
        }
        expect(rows.find((r) => r.purpose === 'dossier.search')?.detail).toMatchObject({ q: idNumber });
      },
      { timeout: 5_000 },
    );
  });

  it('records an officer change, and shows the applicant which agency opened their dossier and when', async () => {
    await desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    await vi.waitFor(async () => {
      const rows = await trail(code);
      expect(rows.some((r) => r.kind === 'change' && r.actor_role === 'receiver')).toBe(true);
    });
    const access = await t.app.inject({
      url: `/api/me/dossiers/${code}/access`,
      headers: bearer(await desk.token('citizen')),
    });
    expect(access.statusCode).toBe(200);
    expect(access.json().items).toContainEqual(
      expect.objectContaining({
        agencyCode: NINH_KIEU,
        role: 'receiver',
        purpose: 'dossier.read',
        at: expect.any(String),
      }),
    );
    // The citizen's own reading is not shown as an officer's.
    expect(access.json().items.every((i: { role: string }) => i.role !== 'citizen')).toBe(true);
    expect(access.body).not.toContain('Công chức Bộ phận Một cửa (demo)');
  });

  it("lets a controller search the trail: the province's everything, a ward's only its own officers", async () => {
    const ward = (
      await desk.intake('receiver.ninhkieu', {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: applicant(),
      })
    ).json().code;
    await t.app.inject({
      url: `/api/dossiers/${ward}`,
      headers: bearer(await desk.token('receiver.ninhkieu')),
    });
    await vi.waitFor(async () => expect((await trail(ward)).length).toBeGreaterThan(0));
    const province = await t.app.inject({
      url: `/api/audit?dossier=${code}`,
      headers: bearer(await desk.token('controller')),
    });
    expect(province.statusCode).toBe(200);
    expect(province.json().total).toBeGreaterThan(0);
    const wardView = await t.app.inject({
      url: '/api/audit?pageSize=200',
      headers: bearer(await desk.token('controller.ninhkieu')),
    });
    const agencies = new Set(wardView.json().items.map((i: { agencyCode: string }) => i.agencyCode));
    expect([...agencies]).toEqual([NINH_KIEU]);
  });

  it('writes changes as group-committed batches: one in flight, the changes that come meanwhile in the next', async () => {
    let statements = 0;
    const counted = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: t.db.pool }),
      log: (event) => {
        if (event.level === 'query' && event.query.sql.includes('audit_trail')) statements++;
      },
    });
    const writer = new AuditWriter(counted, (error) => {
      throw error;
    });
    const change = (i: number) =>
      writer.record({
        actor: { id: 1, role: 'controller', agencyCode: null },
        kind: 'change',
        purpose: 'batchTest',
        dossierCode: null,
        requestId: `batch-${i}`,
        detail: { i },
      });
    const stored = () =>
      t.db.kysely.selectFrom('audit_trail').select('request_id').where('purpose', '=', 'batchTest').execute();
    // Another session holds the day's chain lock (migration 061), so the first batch waits in the database.
    const blocker = await t.db.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        "SELECT pg_advisory_xact_lock(7092060, ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - DATE '2000-01-01'))",
      );
      const waiting = async () =>
        Number(
          (
            await t.db.pool.query(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'insert into "audit_trail"%'`,
            )
          ).rows[0].n,
        );
      const first = change(0);
      await vi.waitFor(async () => expect(await waiting()).toBe(1));
      // The other changes come over several turns of the event loop while the first batch is in flight.
      const later: Promise<void>[] = [];
      for (let i = 1; i < 40; i++) {
        later.push(change(i));
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // Still the one statement in the database; nothing stored yet.
      expect(await waiting()).toBe(1);
      expect(statements).toBe(0);
      expect(await stored()).toHaveLength(0);
      await blocker.query('COMMIT');
      await first;
      await Promise.all(later);
    } finally {
      blocker.release();
    }
    // Each stored when its `record` resolves: the first batch, then one batch with the 39 that came meanwhile.
    expect(await stored()).toHaveLength(40);
    expect(statements).toBe(2);
    expect(await verifyAuditTrail(t.db.kysely)).toEqual([]);
  });

  it('detects a trail row edited or deleted by the owner (verify audit)', async () => {
    await vi.waitFor(async () => expect((await trail(code)).length).toBeGreaterThan(3));
    expect(await verifyAuditTrail(t.db.kysely)).toEqual([]);
    const rows = await trail(code);
    const [edited, , deleted] = rows;
    await t.db.kysely.connection().execute(async (db) => {
      await sql`SET session_replication_role = replica`.execute(db);
      await sql`UPDATE audit_trail SET actor_id = NULL WHERE id = ${edited?.id}`.execute(db);
      await sql`DELETE FROM audit_trail WHERE id = ${deleted?.id}`.execute(db);
      await sql`SET session_replication_role = origin`.execute(db);
    });
    const broken = await verifyAuditTrail(t.db.kysely);
    expect(broken).toContainEqual(expect.objectContaining({ id: Number(edited?.id), problem: 'edited' }));
    expect(broken.some((b) => b.problem === 'not_linked')).toBe(true);
  });

  it('keeps identity numbers, phones, e-mails and names out of the log, which names the user by id', () => {
    const text = log.join('\n');
    expect(text).toContain('"userId"');
    for (const secret of [idNumber, '0987654321', 'duyen@example.vn', 'Đặng Thị Mỹ Duyên', 'Duyên']) {
      expect(text).not.toContain(secret);
    }
  });
});
