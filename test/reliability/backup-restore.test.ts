import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/db/backup.js';
import { connect, type Db } from '../../src/db/connection.js';
import { verifyDossiers } from '../../src/dossiers/verify.js';
import { applicant, birthForm, Desk } from '../dossier-fixtures.js';
import { bearer, type TestApp, testApp } from '../helpers.js';

/** A new, empty database on the test server. */
async function emptyDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  const name = `restore_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(inject('adminUrl'));
  url.pathname = `/${name}`;
  const db = connect(url.toString(), 3);
  return {
    db,
    drop: async () => {
      await db.close();
      const again = new pg.Client({ connectionString: inject('adminUrl') });
      await again.connect();
      await again.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** A fingerprint of a table's whole content, to compare two databases row for row. */
async function fingerprint(pool: pg.Pool, table: string): Promise<string> {
  const result = await pool.query<{ f: string }>(
    `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS f FROM "${table}" t`,
  );
  return result.rows[0]?.f ?? '';
}

describe('backup and restore', () => {
  let t: TestApp;
  let desk: Desk;
  let work: string;

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    work = await mkdtemp(path.join(tmpdir(), 'motcua-backup-'));
    // Dossiers at several stages, a procedure edit (a new version), a webhook with its outbox rows.
    for (let i = 0; i < 3; i++) {
      const created = await desk.intake('receiver', {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: applicant(),
      });
      await desk.ok('receiver', created.json().code, { action: 'forward' });
    }
    const online = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
    });
    await desk.ok('receiver.ninhkieu', online.json().code, {
      action: 'request_supplement',
      items: ['Bản sao giấy chứng sinh'],
      reason: 'Thiếu giấy chứng sinh',
    });
    await t.app.inject({
      method: 'PUT',
      url: '/api/procedures/3.000333',
      headers: bearer(await desk.token('controller')),
      payload: { note: 'Sửa để có thêm một phiên bản', timeLimit: { value: 7, unit: 'working_days' } },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: bearer(await desk.token('admin')),
      payload: { url: 'http://127.0.0.1:9/hook' },
    });
    await desk.intake('receiver', { procedureCode: '3.000333', channel: 'counter', applicant: applicant() });
    // Officers' reads go to the audit trail in batches after the answer; closing the server writes the last
    // batch, so the source does not change under the backup.
    await t.app.close();
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await t.db.close();
  });

  it('reproduces every table, event and file in an empty instance, with its sequences', async () => {
    const files = path.join(work, 'files-source');
    await mkdir(path.join(files, 'ab'), { recursive: true });
    await writeFile(path.join(files, 'ab', 'abcdef.pdf'), '%PDF-1.7 kết quả đã ký');
    await writeFile(path.join(files, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const steps: string[] = [];
    const manifest = await backupDatabase(t.db.pool, path.join(work, 'backup'), {
      filesDir: files,
      onProgress: (step, done, total) => steps.push(`${step} ${done}/${total}`),
    });
    expect(manifest.tables.length).toBeGreaterThan(20);
    expect(manifest.tables.find((table) => table.name === 'dossier_events')?.rows).toBeGreaterThan(8);
    expect(manifest.files.map((f) => f.path)).toEqual(['ab/abcdef.pdf', 'scan.png']);
    expect(steps.at(-1)).toBe('files 2/2');

    const target = await emptyDatabase();
    const restoredFiles = path.join(work, 'files-restored');
    try {
      await restoreDatabase(target.db.pool, path.join(work, 'backup'), { filesDir: restoredFiles });
      for (const table of manifest.tables)
        expect(await fingerprint(target.db.pool, table.name), table.name).toBe(
          await fingerprint(t.db.pool, table.name),
        );
      const report = await verifyDossiers(target.db.kysely);
      expect(report.checked).toBeGreaterThanOrEqual(5);
      expect(report.differences).toEqual([]);
      const next = async (pool: pg.Pool) =>
        (await pool.query<{ v: string }>(`SELECT last_value::text AS v FROM dossiers_id_seq`)).rows[0]?.v;
      expect(await next(target.db.pool)).toBe(await next(t.db.pool));
      expect(await readFile(path.join(restoredFiles, 'ab', 'abcdef.pdf'), 'utf8')).toBe(
        '%PDF-1.7 kết quả đã ký',
      );
      // The append-only guard is back after the load.
      await expect(target.db.pool.query('UPDATE dossier_events SET note = note')).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await target.drop();
    }
  });

  it('refuses a backup whose files were altered, and a database that is not empty', async () => {
    const dir = path.join(work, 'backup-2');
    const manifest = await backupDatabase(t.db.pool, dir);
    const file = path.join(dir, manifest.tables.find((table) => table.name === 'dossiers')?.file ?? '');
    const bytes = await readFile(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const target = await emptyDatabase();
    try {
      await expect(restoreDatabase(target.db.pool, dir)).rejects.toThrow(/SHA-256/);
      const tables = await target.db.pool.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await target.drop();
    }
    await expect(restoreDatabase(t.db.pool, path.join(work, 'backup'))).rejects.toThrow(/không trống/);
  });
});
