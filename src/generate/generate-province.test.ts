import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { agencyClocks } from '../catalog/agency-clocks.js';
import { connect, type Db } from '../db/connection.js';
import { verifyDossiers } from '../dossiers/verify.js';
import { dossierView, dossierViewSchema } from '../dossiers/view.js';
import { generateProvince } from './generate-province.js';

const adminUrl = inject('adminUrl');
const created: string[] = [];

/** A copy of the migrated and seeded template (test/global-setup.ts): the same as migrating and seeding again. */
async function freshDatabase(): Promise<Db> {
  const name = `gen_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return connect(url.toString());
}

async function generate(db: Db, seed: number) {
  const clock = await agencyClocks(db.kysely).clock();
  // More procedures than the seeded catalogue holds, so that some are derived from the real ones.
  const seeded = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures');
  return generateProvince(db.kysely, db.pool, clock, {
    dossiers: 1500,
    seed,
    procedures: (seeded.rows[0]?.n ?? 0) + 40,
    citizens: 50,
    until: '2026-11-20',
  });
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('synthetic province generator', () => {
  it('is deterministic for a seed, has the intended shape, and its projections fold from its events', async () => {
    const a = await freshDatabase();
    const b = await freshDatabase();
    try {
      const result = await generate(a, 7);
      await generate(b, 7);
      expect(result.dossiers).toBe(1500);
      expect(result.events).toBeGreaterThan(1500 * 4);
      const snapshot = (db: Db) =>
        db.pool
          .query('SELECT code, procedure_code, status, due_at, timeliness FROM dossiers ORDER BY code')
          .then((r) => r.rows);
      expect(await snapshot(a)).toEqual(await snapshot(b));

      const shape = (
        await a.pool.query(`SELECT
          avg((channel = 'online')::int) AS online,
          avg((finished_at IS NULL)::int) AS open,
          avg((timeliness = 'late')::int) FILTER (WHERE timeliness IS NOT NULL) AS late,
          count(DISTINCT procedure_code) AS procedures,
          count(*) FILTER (WHERE procedure_code LIKE '%.G%') AS derived
        FROM dossiers`)
      ).rows[0];
      expect(Number(shape.online)).toBeGreaterThan(0.62);
      expect(Number(shape.online)).toBeLessThan(0.78);
      expect(Number(shape.open)).toBeGreaterThan(0.12);
      expect(Number(shape.open)).toBeLessThan(0.3);
      expect(Number(shape.late)).toBeLessThan(0.05);
      expect(Number(shape.derived)).toBeGreaterThan(0);
      const supplements = await a.pool.query(
        "SELECT count(DISTINCT dossier_id)::int AS n FROM dossier_events WHERE action = 'request_supplement'",
      );
      expect(supplements.rows[0].n / 1500).toBeGreaterThan(0.03);

      const report = await verifyDossiers(a.kysely);
      expect(report.checked).toBe(1500);
      expect(report.differences).toEqual([]);
      // Logbook numbers run 1..n per receiving agency and year, once each, and the sequence continues from n.
      const logbooks = await a.pool.query(
        `SELECT d.receiving_agency, d.year, count(*)::int AS n, count(DISTINCT d.logbook_number)::int AS distinct,
                max(d.logbook_number) AS max, max(s.last_value) AS last
         FROM (SELECT receiving_agency, logbook_number,
                 extract(year FROM accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year
               FROM dossiers WHERE logbook_number IS NOT NULL) d
         LEFT JOIN logbook_sequences s ON s.agency_code = d.receiving_agency AND s.year = d.year
         GROUP BY 1, 2`,
      );
      expect(logbooks.rows.length).toBeGreaterThan(0);
      for (const r of logbooks.rows)
        expect([r.distinct, r.max, r.last], JSON.stringify(r)).toEqual([r.n, r.n, r.n]);
      const codes = await a.pool.query('SELECT count(DISTINCT code)::int AS n FROM dossiers');
      expect(codes.rows[0].n).toBe(1500);
      // Generated rows must read back through the API's own schema, like any dossier.
      const rows = await a.kysely.selectFrom('dossiers').selectAll().limit(50).execute();
      for (const row of rows) expect(dossierViewSchema.safeParse(dossierView(row)).success).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});
