import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Http, type RunningServer, startServer } from '../bench/lib/server.js';
import { connect, type Db } from '../src/db/connection.js';
import { applicant, CENTRE } from './dossier-fixtures.js';
import { testDatabaseUrl } from './file-database.js';
import { testFilesDir } from './helpers.js';

/**
 * Gap-free numbering (RULES.md §2, §4) does not rely on one process: 64 intakes at one centre at once, split
 * over two server processes on the same database, take serials 1..n of the day and logbook numbers 1..n of
 * the year, each exactly once.
 */
describe('numbering across two server processes', () => {
  let servers: RunningServer[] = [];
  let db: Db;
  beforeAll(async () => {
    const url = await testDatabaseUrl();
    db = connect(url, 2);
    const dataDir = await testFilesDir();
    servers = await Promise.all([startServer(url, 8, dataDir), startServer(url, 8, dataDir)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.close();
  });

  it('64 concurrent counter intakes take every serial and logbook number once, without a hole', async () => {
    const desks = servers.map((server) => new Http(server.base));
    const tokens = await Promise.all(desks.map((desk) => desk.login('receiver')));
    const before = await numbersAt(db);
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        desks[i % 2]?.json<{ code: string; logbookNumber: number | null }>(
          'POST',
          '/api/dossiers',
          tokens[i % 2] ?? '',
          { procedureCode: '3.000333', channel: 'counter', applicant: applicant() },
        ),
      ),
    );
    const codes = results.map((r) => r?.code ?? '');
    expect(new Set(codes).size).toBe(64);
    const after = await numbersAt(db);
    const serials = codes.map(serialOf).sort((a, b) => a - b);
    expect(serials).toEqual(range(before.serial + 1, before.serial + 64));
    expect(after.serial).toBe(before.serial + 64);
    const logbook = (
      await db.pool.query<{ n: number }>('SELECT logbook_number AS n FROM dossiers WHERE code = ANY($1)', [
        codes,
      ])
    ).rows
      .map((r) => r.n)
      .sort((a, b) => a - b);
    expect(logbook).toEqual(range(before.logbook + 1, before.logbook + 64));
    expect(after.logbook).toBe(before.logbook + 64);
    // Every serial of the day at the centre, from 1, is taken by exactly one dossier.
    const prefix = codes[0]?.slice(0, codes[0].lastIndexOf('-') + 1) ?? '';
    const all = (
      await db.pool.query<{ code: string }>('SELECT code FROM dossiers WHERE code LIKE $1', [`${prefix}%`])
    ).rows.map((r) => serialOf(r.code));
    expect(all.sort((a, b) => a - b)).toEqual(range(1, after.serial));
  }, 120_000);
});

const serialOf = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The last serial of today at the centre and the last logbook number of this year (0 when none yet). */
async function numbersAt(db: Db) {
  const row = await db.pool.query<{ serial: number; logbook: number }>(
    `SELECT
       coalesce((SELECT last_value FROM dossier_sequences
                 WHERE agency_code = $1 AND day = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), 0)::int AS serial,
       coalesce((SELECT last_value FROM logbook_sequences
                 WHERE agency_code = $1 AND year = extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')), 0)::int
         AS logbook`,
    [CENTRE],
  );
  return row.rows[0] ?? { serial: 0, logbook: 0 };
}
