import type pg from 'pg';
import { foldForSearch } from '../../src/shared/text.js';
import { withCpu } from '../lib/cpu.js';
import { runLoad } from '../lib/load.js';
import type { Http } from '../lib/server.js';
import type { Summary } from '../lib/stats.js';
import type { BenchFixtures } from './fixtures.js';

export interface ReadBench {
  name: string;
  http: (http: Http, tokens: Map<string, string>, f: BenchFixtures, i: number) => Promise<unknown>;
  raw: (pool: pg.Pool, f: BenchFixtures, i: number) => Promise<unknown>;
  /** Who the HTTP side logs in as. */
  users: (f: BenchFixtures) => string[];
}

const pick = <T>(items: T[], i: number) => items[i % items.length] as T;

export const READS: ReadBench[] = [
  {
    name: 'lookup by code',
    users: () => ['controller'],
    http: (http, t, f, i) =>
      http.json('GET', `/api/dossiers/${encodeURIComponent(pick(f.codes, i))}`, t.get('controller') ?? ''),
    raw: (pool, f, i) => pool.query('SELECT * FROM dossiers WHERE code = $1', [pick(f.codes, i)]),
  },
  {
    name: 'public tracking',
    users: () => [],
    http: (http, _t, f, i) => http.json('GET', `/api/track/${encodeURIComponent(pick(f.codes, i))}`, null),
    raw: async (pool, f, i) => {
      const row = await pool.query(
        `SELECT d.id, d.code, d.status, p.name, ra.name, ha.name FROM dossiers d
         JOIN procedures p ON p.code = d.procedure_code JOIN agencies ra ON ra.code = d.receiving_agency
         JOIN agencies ha ON ha.code = d.handling_agency WHERE d.code = $1`,
        [pick(f.codes, i)],
      );
      return pool.query(
        'SELECT e.action, e.to_status, e.at, a.name FROM dossier_events e JOIN agencies a ON a.code = e.agency_code WHERE e.dossier_id = $1 ORDER BY e.seq',
        [row.rows[0]?.id ?? 0],
      );
    },
  },
  {
    name: 'officer queue (agency)',
    users: (f) => [f.busyProcessor],
    http: (http, t, f) =>
      http.json('GET', '/api/queue?scope=agency&pageSize=20', t.get(f.busyProcessor) ?? ''),
    raw: (pool, f) =>
      pool.query(
        `SELECT * FROM dossiers WHERE handling_agency = $1 AND finished_at IS NULL AND status IN ('accepted', 'processing')
         ORDER BY step_due_at ASC NULLS LAST, id LIMIT 20`,
        [f.busyAgency],
      ),
  },
  {
    name: "citizen's dossiers",
    users: (f) => f.citizens,
    http: (http, t, f, i) =>
      http.json('GET', '/api/me/dossiers?pageSize=20', t.get(pick(f.citizens, i)) ?? ''),
    raw: (pool, f, i) =>
      pool.query(
        'SELECT d.* FROM dossiers d JOIN users u ON u.id = d.owner_id WHERE u.username = $1 ORDER BY d.submitted_at DESC LIMIT 20',
        [pick(f.citizens, i)],
      ),
  },
  {
    name: 'applicant-name search',
    users: () => ['controller'],
    http: (http, t, f, i) =>
      http.json(
        'GET',
        `/api/dossiers?q=${encodeURIComponent(pick(f.names, i))}&pageSize=20`,
        t.get('controller') ?? '',
      ),
    raw: (pool, f, i) => {
      const q = foldForSearch(pick(f.names, i));
      return pool.query(
        'SELECT * FROM dossiers WHERE applicant_search LIKE $1 ORDER BY submitted_at DESC LIMIT 20',
        [`%${q}%`],
      );
    },
  },
  {
    name: 'on-time rate per agency, one quarter',
    users: () => ['controller'],
    http: (http, t) =>
      http.json('GET', '/api/indicators/on-time?from=2026-07-01&to=2026-09-30', t.get('controller') ?? ''),
    raw: (pool) =>
      pool.query(
        `SELECT handling_agency, count(*), count(*) FILTER (WHERE timeliness IN ('early', 'on_time')) FROM dossiers
         WHERE timeliness IS NOT NULL AND finished_at >= '2026-07-01T00:00:00+07:00' AND finished_at < '2026-10-01T00:00:00+07:00'
         GROUP BY handling_agency`,
      ),
  },
];

export async function runRead(
  bench: ReadBench,
  http: Http,
  tokens: Map<string, string>,
  pool: pg.Pool,
  f: BenchFixtures,
  concurrency: number,
  durationMs: number,
  processes: { server: number; postmaster: number | null },
): Promise<{ app: Summary; raw: Summary }> {
  const appLoad = (ms: number) =>
    runLoad({ concurrency, durationMs: ms }, async (worker, i) => {
      await bench.http(http, tokens, f, worker * 7919 + i);
      return undefined;
    });
  const rawLoad = (ms: number) =>
    runLoad({ concurrency, durationMs: ms }, async (worker, i) => {
      await bench.raw(pool, f, worker * 7919 + i);
      return undefined;
    });
  // Both sides pick the sample in the same order, so whichever ran first would read its pages from disk and
  // the other from memory. Each side first runs unmeasured (which also warms the server's compiled code).
  const warmUpMs = Math.min(3000, durationMs / 5);
  await appLoad(warmUpMs);
  await rawLoad(warmUpMs);
  const app = await withCpu({ servers: [processes.server], postmaster: processes.postmaster }, () =>
    appLoad(durationMs),
  );
  const raw = await withCpu({ servers: [], postmaster: processes.postmaster }, () => rawLoad(durationMs));
  return { app, raw };
}
