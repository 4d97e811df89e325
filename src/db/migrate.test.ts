import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from './migrate.js';

describe('migrations from an empty database', () => {
  const name = `empty_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const adminUrl = inject('adminUrl');
  let pool: pg.Pool;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    pool = new pg.Pool({ connectionString: url.toString() });
  });

  afterAll(async () => {
    await pool.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  });

  it('applies every migration once, then nothing on a second run', async () => {
    const first = await migrate(pool);
    expect(first.applied.length).toBeGreaterThanOrEqual(4);
    expect(first.applied[0]).toBe('001_organisation.sql');
    const tables = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'agencies',
        'units',
        'users',
        'procedures',
        'procedure_publications',
        'calendar_years',
      ]),
    );
    expect((await migrate(pool)).applied).toEqual([]);
  });

  it('runs safely from parallel nodes (advisory lock)', async () => {
    const results = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    expect(results.flatMap((r) => r.applied)).toEqual([]);
  });

  it('keeps invariants in constraints: an agency code outside 0-9 A-Z . is refused', async () => {
    await expect(
      pool.query(
        "INSERT INTO agencies (code, name, level, kind, search_text) VALUES ('bad code', 'x', 'province', 'department', 'x')",
      ),
    ).rejects.toThrow(/agencies_code_check/);
  });
});
