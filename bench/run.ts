import { appendFile, chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isoFromDay, localDay } from '../src/calendar/dates.js';
import { agencyClocks } from '../src/catalog/agency-clocks.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { isSeeded, seedDemo } from '../src/demo/seed.js';
import { generateProvince } from '../src/generate/generate-province.js';
import { loadFixtures } from './benches/fixtures.js';
import { READS, runRead } from './benches/reads.js';
import {
  actionStageHttp,
  actionStageRaw,
  intakeHttp,
  intakeRaw,
  LIFECYCLE,
  lifecycleHttp,
  lifecycleRaw,
  type Made,
} from './benches/writes.js';
import { benchCalendar } from './calendar.js';
import { type CpuPerOperation, postmasterOf, withCpu } from './lib/cpu.js';
import { Http, PeakMemory, startServer } from './lib/server.js';
import type { Summary } from './lib/stats.js';
import { numberingHolds } from './numbering.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    dossiers: { type: 'string' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string' },
    record: { type: 'boolean' },
    /** Generate (or top up) the province and stop, to measure later on a quiet machine. */
    prepare: { type: 'boolean', default: false },
    /**
     * Only these paths, comma-separated (intake, actions, lifecycle, reads, horizontal; actions include intake,
     * whose dossiers they act on): a quick look while working on one path, never recorded in BENCHMARKS.md.
     */
    only: { type: 'string' },
  },
});
const smoke = values.smoke ?? false;
const target = Number(values.dossiers ?? (smoke ? 2_000 : 1_000_000));
const seconds = Number(values.seconds ?? (smoke ? 1 : 15));
const only = values.only?.split(',').map((part) => part.trim());
const measures = (part: string) =>
  !only || only.includes(part) || (part === 'intake' && only.includes('actions'));
const record = (values.record ?? !smoke) && !only;
const extra = `${smoke ? ' --smoke' : ''}${values.dossiers ? ` --dossiers ${values.dossiers}` : ''}${only ? ` --only ${only.join(',')}` : ''}`;
const command = `npm run bench${extra ? ` --${extra}` : ''}`;
const log = (line: string) => process.stderr.write(`${line}\n`);
const fmtCount = (n: number) => n.toLocaleString('en-US');

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};

const scratch = smoke ? await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-')) : path.resolve('data/bench');
if (smoke) await chmod(scratch, 0o755);
await mkdir(scratch, { recursive: true });
const config = loadConfig({
  ...process.env,
  MOTCUA_DATA_DIR: scratch,
  MOTCUA_PG_PORT: smoke ? '54359' : '54339',
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
});
const database = await openDatabase(config);
const phases = 8;
// Stopped in `finally` too, so a failing benchmark leaves no server process behind.
let stopServer: (() => Promise<void>) | null = null;
try {
  log(
    `motcua bench${smoke ? ' (smoke)' : ''} — ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`,
  );
  log(`[1/${phases}] province: ${target.toLocaleString('en-US')} dossiers…`);
  await migrate(database.pool);
  if (!(await isSeeded(database.kysely))) await seedDemo(database.kysely, { demoPassword: 'demo' });
  const existing = Number(
    (await database.pool.query("SELECT count(*) FROM dossiers WHERE code NOT LIKE 'RAW%'")).rows[0].count,
  );
  if (existing < target) {
    const clock = await agencyClocks(database.kysely).clock();
    let last = 0;
    await generateProvince(database.kysely, database.pool, clock, {
      dossiers: target - existing,
      seed: Number(values.seed) + existing,
      procedures: smoke ? 300 : 2000,
      citizens: Math.min(100_000, Math.max(100, Math.round(target / 50))),
      until: isoFromDay(localDay(Date.now()) - 1),
      onProgress: (phase, done, total) => {
        if (phase === 'hồ sơ' && (done - last >= total / 10 || done === total)) {
          last = done;
          log(`      generated ${done}/${total}`);
        }
      },
    });
  }
  const size = (
    await database.pool.query(
      'SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM dossier_events) AS events, pg_size_pretty(pg_database_size(current_database())) AS bytes, version() AS pg',
    )
  ).rows[0];
  if (values.prepare) {
    log(
      `prepared: ${fmtCount(Number(size.dossiers))} dossiers, ${fmtCount(Number(size.events))} events, ${size.bytes}`,
    );
    await database.shutdown();
    process.exit(0);
  }
  const fixtures = await loadFixtures(database.pool);
  const server = await startServer(database.url, 20, scratch);
  stopServer = server.stop;
  const http = new Http(server.base);
  const tokens = new Map<string, string>();
  const users = new Set([
    'receiver',
    'processor.stp',
    'agency_head.stp',
    'clerk.stp',
    'controller',
    ...READS.flatMap((r) => r.users(fixtures)),
  ]);
  for (const username of users) tokens.set(username, await http.login(username));
  const durationMs = seconds * 1000;
  const results: Record<string, { app: Summary; raw: Summary; note?: string; peakMiB: number | null }> = {};
  // The server's peak resident memory while it serves each path (the raw side does not touch it).
  const memory = new PeakMemory(server.pid);
  // The embedded database's processes, whose CPU each path's figures include (none for an external database).
  const postmaster = database.embedded ? await postmasterOf(scratch) : null;
  const onServer = async (run: () => Promise<Summary>, pids = [server.pid]) => {
    await memory.reset();
    const app = await withCpu({ servers: pids, postmaster }, run);
    return { app, peakMiB: await memory.peakMiB() };
  };
  const raw = (run: () => Promise<Summary>) => withCpu({ servers: [], postmaster }, run);

  log(`[2/${phases}] calendar: due-date arithmetic…`);
  const calendar = benchCalendar(smoke ? 300 : 3_000);
  log(`[3/${phases}] counter intake, 32 clients…`);
  // The dossiers each side received wait at the front desk for the action stages below.
  let appWaiting: Made[] = [];
  let rawWaiting: Made[] = [];
  if (measures('intake'))
    results['counter intake (32 clients)'] = {
      ...(await onServer(() => intakeHttp(http, tokens, fixtures, 32, durationMs, appWaiting))),
      raw: await raw(() => intakeRaw(database.url, fixtures, 32, durationMs, rawWaiting)),
    };
  log(`[4/${phases}] each life-cycle action alone, 32 clients…`);
  for (const [stage, step] of measures('actions') ? LIFECYCLE.entries() : []) {
    const appDone: Made[] = [];
    const rawDone: Made[] = [];
    const waiting = `${fmtCount(appWaiting.length)} dossiers waiting (raw: ${fmtCount(rawWaiting.length)})`;
    log(`      ${stage + 1}/${LIFECYCLE.length} ${step.label}: ${waiting}`);
    results[`action ${stage + 1}: ${step.label}`] = {
      ...(await onServer(() => actionStageHttp(http, tokens, stage, appWaiting, appDone, 32, durationMs))),
      raw: await raw(() =>
        actionStageRaw(database.url, fixtures, stage, rawWaiting, rawDone, 32, durationMs),
      ),
      note: waiting,
    };
    appWaiting = appDone;
    rawWaiting = rawDone;
  }
  log(`[5/${phases}] full life cycle, 32 clients…`);
  if (measures('lifecycle')) {
    const life = await onServer(() => lifecycleHttp(http, tokens, fixtures, 32, durationMs));
    const lifeApp = life.app;
    const lifeRaw = await raw(() => lifecycleRaw(database.url, fixtures, 32, durationMs));
    results['life cycle actions (32 clients)'] = {
      ...life,
      raw: lifeRaw,
      note: `${Math.round(lifeApp.perSecond / 7)} dossiers/s through every step (raw: ${Math.round(lifeRaw.perSecond / 7)})`,
    };
  }
  log(`[6/${phases}] lookups and the indicator, 8 clients…`);
  for (const bench of measures('reads') ? READS : []) {
    await memory.reset();
    const measured = await runRead(bench, http, tokens, database.pool, fixtures, 8, durationMs, {
      server: server.pid,
      postmaster,
    });
    results[bench.name] = { ...measured, peakMiB: await memory.peakMiB() };
  }
  log(`[7/${phases}] counter intake on two server processes, 32 clients…`);
  if (measures('horizontal')) await twoServers();
  await server.stop();
  stopServer = null;

  async function twoServers() {
    const second = await startServer(database.url, 20, scratch);
    const secondMemory = new PeakMemory(second.pid);
    let horizontal: { app: Summary; peakMiB: number | null };
    try {
      await secondMemory.reset();
      horizontal = await onServer(
        () => intakeHttp([http, new Http(second.base)], tokens, fixtures, 32, durationMs),
        [server.pid, second.pid],
      );
      const peaks = [horizontal.peakMiB, await secondMemory.peakMiB()];
      horizontal.peakMiB = Math.max(...peaks.map((p) => p ?? 0));
    } finally {
      await second.stop();
    }
    const numbering = await numberingHolds(database.pool, fixtures.centre);
    results['counter intake, two server processes (32 clients)'] = {
      ...horizontal,
      // The same raw twin as one server's intake (measured here when only this path was asked for).
      raw:
        results['counter intake (32 clients)']?.raw ??
        (await raw(() => intakeRaw(database.url, fixtures, 32, durationMs))),
      note: `serials of the day ${numbering.serialsGapFree ? 'gap-free' : 'WITH GAPS'} (${numbering.serials}), logbook of the year ${numbering.logbookGapFree ? 'gap-free' : 'WITH GAPS'} (${numbering.logbookNumbers})`,
    };
  }

  log(`[8/${phases}] report`);
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
  const rows = Object.entries(results).map(([name, r]) => ({
    name,
    appPerSecond: r.app.perSecond,
    rawPerSecond: r.raw.perSecond,
    throughputRatio: ratio(r.app.perSecond, r.raw.perSecond),
    app: [r.app.p50, r.app.p95, r.app.p99],
    raw: [r.raw.p50, r.raw.p95, r.raw.p99],
    p99Ratio: ratio(r.app.p99, r.raw.p99),
    errors: r.app.errors + r.raw.errors,
    serverPeakMiB: r.peakMiB,
    cpuMsPerOperation: { app: r.app.cpu ?? null, raw: r.raw.cpu ?? null },
    note: r.note ?? '',
  }));
  const cpuText = (cpu: CpuPerOperation | null, withServer: boolean) =>
    cpu ? `${withServer ? `${cpu.server} + ` : ''}${cpu.database} + ${cpu.generator}` : '—';
  const date = new Date().toISOString();
  const serverPeakMiB = Math.max(...rows.map((r) => r.serverPeakMiB ?? 0));
  const report = {
    serverPeakMiB,
    date,
    smoke,
    command,
    machine,
    postgres: String(size.pg).split(' on ')[0],
    data: { dossiers: Number(size.dossiers), events: Number(size.events), database: size.bytes },
    secondsPerBench: seconds,
    calendar,
    results: rows,
  };
  const fmt = (n: number) => n.toLocaleString('en-US');
  const table = [
    '| path | motcua /s | raw SQL /s | ratio | motcua p50 / p95 / p99 ms | raw p50 / p95 / p99 ms | p99 ratio | errors | server peak RSS MiB | CPU ms per operation: motcua (server + database + load generator) / raw (database + load generator) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name}${r.note ? ` — ${r.note}` : ''} | ${fmt(r.appPerSecond)} | ${fmt(r.rawPerSecond)} | ${r.throughputRatio ?? '—'} | ${r.app.join(' / ')} | ${r.raw.join(' / ')} | ${r.p99Ratio ?? '—'} | ${r.errors} | ${r.serverPeakMiB ?? '—'} | ${cpuText(r.cpuMsPerOperation.app, true)} / ${cpuText(r.cpuMsPerOperation.raw, false)} |`,
    ),
    ...calendar.map((c) => `| ${c.name} (one core) | ${fmt(c.perSecond)} | — | — | — | — | — | 0 | — | — |`),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  log(`server peak RSS: ${serverPeakMiB} MiB (target: under 512 MiB at 32 clients)`);
  const dir = path.join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const kind = smoke ? 'smoke' : only ? `only-${only.join('-')}` : 'full';
  const file = path.join(dir, `${kind}-${date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results: ${path.relative(process.cwd(), file)}`);
  if (record) {
    await appendFile(
      path.join(import.meta.dirname, '..', 'docs', 'BENCHMARKS.md'),
      `\n## Run of ${date.slice(0, 10)} — ${fmt(report.data.dossiers)} dossiers\n\n` +
        `Command: \`${command}\`. Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${report.postgres}. ` +
        `Data: ${fmt(report.data.dossiers)} dossiers, ${fmt(report.data.events)} events, database ${report.data.database}. ` +
        `${seconds} s per side (each lookup's sides first run unmeasured for ${Math.min(3, seconds / 5)} s, so neither reads the sample from disk); motcua = HTTP to the server in its own process; raw SQL = the same database work through \`pg\` from the bench process. Server peak RSS over the run: ${serverPeakMiB} MiB.\n\n${table}\n`,
    );
    log('appended to docs/BENCHMARKS.md');
  }
} finally {
  await stopServer?.().catch(() => undefined);
  await database.shutdown();
  if (smoke) await rm(scratch, { recursive: true, force: true });
}
process.exit(0);
