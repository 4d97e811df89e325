import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { seedDemo } from '../src/demo/seed.js';
import { runLoad } from './lib/load.js';
import { startServer } from './lib/server.js';

/**
 * `npm run bench:catalog`: a fresh database seeded with the demo catalogue (the time the seed takes is printed),
 * then `GET /api/procedures?q=…` from 8 clients: searches people type, with and without diacritics, with a typo,
 * a code, and words that match nothing. Prints the load average before and after, since the machine is shared.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' } } });
const QUERIES = [
  'khai sinh',
  'Đăng ký khai sinh',
  'dang ky ket hon',
  'cap giay phep xay dung',
  'chứng thực bản sao',
  'thuong tru',
  'đất đai',
  'giay chung nhan quyen su dung dat',
  'ho kinh doanh',
  'khai sinnh',
  '1.001193',
  'bao hiem y te',
  'ly lich tu phap',
  'zzzz khong co',
];
const log = (line: string) => process.stderr.write(`${line}\n`);

const scratch = await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-catalog-'));
await chmod(scratch, 0o755);
const database = await openDatabase(
  loadConfig({ ...process.env, MOTCUA_DATA_DIR: scratch, MOTCUA_PG_PORT: '54369', DATABASE_URL: undefined }),
);
let stopServer: (() => Promise<void>) | null = null;
try {
  await migrate(database.pool);
  const seedStarted = performance.now();
  await seedDemo(database.kysely, { demoPassword: 'demo' });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM procedures');
  log(`seed: ${seedSeconds.toFixed(1)} s, ${rows[0].n} procedures`);
  const server = await startServer(database.url, 10, scratch);
  stopServer = server.stop;
  // Warm the server (JIT, connection pool) before measuring.
  for (const q of QUERIES) await fetch(`${server.base}/api/procedures?q=${encodeURIComponent(q)}`);
  const loadBefore = os.loadavg()[0] ?? 0;
  const summary = await runLoad(
    { concurrency: 8, durationMs: Number(values.seconds) * 1000 },
    async (worker, iteration) => {
      const q = QUERIES[(worker + iteration) % QUERIES.length] ?? '';
      const response = await fetch(`${server.base}/api/procedures?q=${encodeURIComponent(q)}`);
      if (!response.ok) throw new Error(`${q}: ${response.status}`);
      await response.arrayBuffer();
      return undefined;
    },
  );
  log(
    JSON.stringify({
      date: new Date().toISOString(),
      cores: os.cpus().length,
      node: process.version,
      procedures: rows[0].n,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
      search: summary,
    }),
  );
} finally {
  await stopServer?.();
  await database.shutdown();
  await rm(scratch, { recursive: true, force: true });
}
