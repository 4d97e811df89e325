/**
 * Failover under intake load, on loopback. Started by `scripts/ha/run.sh` (`npm run test:ha`), which checks
 * for the Debian packages and gives this script a temporary directory:
 *
 * 1. etcd, three Patroni nodes (synchronous mode), HAProxy (write endpoint + HTTP), two motcua servers;
 * 2. counter intakes from concurrent clients, each with an Idempotency-Key, retried until acknowledged;
 * 3. after a warm-up the primary node is killed (Patroni and postmaster, SIGKILL), the load goes on;
 * 4. time without service as the clients saw it; the killed node rejoins as a replica;
 * 5. through the new primary: every acknowledged dossier exists exactly once, no intake made two dossiers,
 *    the serial numbers of each agency's day have no gap; `motcua verify dossiers` passes;
 * 6. a summary table, and the same as JSON in bench/results/ha-<timestamp>.json.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { allocatePorts, Cluster, NODE_NAMES, type NodeName, sleep, type Timing, waitFor } from './cluster.js';
import { IntakeLoad, login, measureOutage } from './load.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    'warmup-seconds': { type: 'string', default: '10' },
    'after-seconds': { type: 'string', default: '15' },
    kill: { type: 'string', default: 'node' },
    ttl: { type: 'string', default: '10' },
    'not-strict': { type: 'boolean', default: false },
    'no-restart': { type: 'boolean', default: false },
    'max-outage-seconds': { type: 'string', default: '150' },
  },
});

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workDir = process.env.HA_WORK_DIR;
const pgBin = process.env.HA_PG_BIN;
if (!workDir || !pgBin) {
  process.stderr.write(
    'Run this through `npm run test:ha` (scripts/ha/run.sh), which prepares the machine.\n',
  );
  process.exit(2);
}
const clients = Number(values.clients);
const warmupMs = Number(values['warmup-seconds']) * 1000;
const afterMs = Number(values['after-seconds']) * 1000;
const killMode = values.kill === 'postgres' ? 'postgres' : 'node';
const ttl = Number(values.ttl);
// loop_wait + 2 × retry_timeout ≤ ttl, as Patroni requires.
const timing: Timing = {
  ttl,
  loopWait: Math.max(1, Math.floor(ttl / 5)),
  retryTimeout: Math.floor((ttl * 2) / 5),
};
const strict = !values['not-strict'];
// A server process that exits is started again after this delay, as systemd's Restart=always would.
const restartMs = values['no-restart'] ? undefined : 1000;
const maxOutageMs = Number(values['max-outage-seconds']) * 1000;
const INTAKE_DEADLINE_MS = Math.min(120_000, maxOutageMs);

const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);

const cluster = new Cluster(
  {
    workDir,
    pgBin,
    runAs: process.env.HA_RUN_AS ?? '',
    repoDir,
    timing,
    synchronousModeStrict: strict,
    log,
  },
  await allocatePorts(),
);

let stopping: Promise<void> | null = null;
function stopCluster(): Promise<void> {
  if (!stopping)
    stopping = cluster.stop().catch((error: unknown) => {
      log(`stopping: ${String(error)}`);
    });
  return stopping;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the cluster…`);
    void stopCluster().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]?.trim() ?? '';
  } catch {
    return 'unknown';
  }
}

interface TimelineEntry {
  atMs: number;
  what: string;
}

/** Records every change of Patroni's member list and of HAProxy's server states, relative to the kill. */
class Watcher {
  readonly entries: TimelineEntry[] = [];
  private running = true;
  private loop: Promise<void>;
  private lastMembers = '';
  private lastProxy = '';

  constructor(private readonly zero: () => number) {
    this.loop = this.run();
  }

  note(what: string): void {
    this.entries.push({ atMs: Date.now() - this.zero(), what });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const members = await cluster.members().catch(() => undefined);
      const text = members
        ? members
            .map((m) => `${m.name}:${m.role}/${m.state}${m.timeline ? `/tl${m.timeline}` : ''}`)
            .sort()
            .join(' ')
        : 'no Patroni node answers';
      if (text !== this.lastMembers) {
        this.lastMembers = text;
        this.note(`patroni ${text}`);
      }
      const proxy = await cluster.proxyStates().catch(() => undefined);
      const up = proxy
        ? Object.entries(proxy)
            .map(([server, state]) => `${server.replace('postgres_primary/', 'pg:')}=${state}`)
            .filter((entry) => entry.startsWith('pg:') || entry.startsWith('motcua_http/'))
            .map((entry) => entry.replace('motcua_http/', 'http:'))
            .join(' ')
        : 'haproxy does not answer';
      if (up !== this.lastProxy) {
        this.lastProxy = up;
        this.note(`haproxy ${up}`);
      }
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

interface Checks {
  newPrimaryInRecovery: boolean;
  acknowledged: number;
  found: number;
  missing: string[];
  wrongApplicant: string[];
  duplicateCodesAmongAcks: number;
  intakesWithTwoDossiers: string[];
  idempotencyKeysMismatched: string[];
  keysSharingADossier: number;
  committedButNotAcknowledged: number;
  sequences: {
    agency: string;
    day: string;
    lastValue: number;
    dossiers: number;
    distinctSerials: number;
    minSerial: number | null;
    maxSerial: number | null;
    gapFree: boolean;
  }[];
  gaps: number;
  logbookGaps: number;
}

async function check(load: IntakeLoad): Promise<Checks> {
  const client = new pg.Client({ connectionString: cluster.appUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const inRecovery = (await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r;
    const acked = load.intakes.filter((i) => i.code);
    const codes = acked.map((i) => i.code as string);
    const found = await client.query<{ code: string; applicant_id_number: string }>(
      'SELECT code, applicant_id_number FROM dossiers WHERE code = ANY($1)',
      [codes],
    );
    const byCode = new Map(found.rows.map((r) => [r.code, r.applicant_id_number]));
    const missing = acked.filter((i) => !byCode.has(i.code as string)).map((i) => i.code as string);
    const wrongApplicant = acked
      .filter((i) => byCode.has(i.code as string) && byCode.get(i.code as string) !== i.idNumber)
      .map((i) => i.code as string);
    // Each intake has its own ID number, so dossiers per ID number are dossiers per Idempotency-Key.
    const idNumbers = load.intakes.map((i) => i.idNumber);
    const perIntake = await client.query<{ id: string; n: number }>(
      'SELECT applicant_id_number AS id, count(*)::int AS n FROM dossiers WHERE applicant_id_number = ANY($1) GROUP BY 1',
      [idNumbers],
    );
    const twice = perIntake.rows.filter((r) => r.n > 1).map((r) => r.id);
    const present = new Set(perIntake.rows.map((r) => r.id));
    const committedButNotAcknowledged = load.intakes.filter((i) => !i.code && present.has(i.idNumber)).length;
    const keys = await client.query<{ key: string; code: string | null }>(
      "SELECT key, response_body->>'code' AS code FROM idempotency_keys WHERE key = ANY($1)",
      [acked.map((i) => i.key)],
    );
    const codeByKey = new Map(keys.rows.map((r) => [r.key, r.code]));
    const keysMismatched = acked.filter((i) => codeByKey.get(i.key) !== i.code).map((i) => i.key);
    const shared = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT response_body->>'code' FROM idempotency_keys WHERE response_body ? 'code'
         GROUP BY 1 HAVING count(*) > 1) t`,
    );
    const sequences = await client.query<{
      agency: string;
      day: string;
      last_value: number;
      dossiers: number;
      distinct_serials: number;
      min_serial: number | null;
      max_serial: number | null;
    }>(
      `WITH d AS (
         SELECT substring(code FROM '^(.*)-[0-9]{6}-[0-9]+$') AS agency,
                substring(code FROM '-([0-9]{6})-[0-9]+$') AS yymmdd,
                substring(code FROM '-([0-9]+)$')::int AS serial
         FROM dossiers)
       SELECT s.agency_code AS agency, s.day::text AS day, s.last_value,
              count(d.serial)::int AS dossiers, count(DISTINCT d.serial)::int AS distinct_serials,
              min(d.serial) AS min_serial, max(d.serial) AS max_serial
       FROM dossier_sequences s
       LEFT JOIN d ON d.agency = s.agency_code AND d.yymmdd = to_char(s.day, 'YYMMDD')
       GROUP BY 1, 2, 3 ORDER BY 2, 1`,
    );
    const rows = sequences.rows.map((r) => ({
      agency: r.agency,
      day: r.day,
      lastValue: r.last_value,
      dossiers: r.dossiers,
      distinctSerials: r.distinct_serials,
      minSerial: r.min_serial,
      maxSerial: r.max_serial,
      gapFree:
        r.dossiers === r.last_value &&
        r.distinct_serials === r.last_value &&
        r.min_serial === 1 &&
        r.max_serial === r.last_value,
    }));
    const logbook = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT s.agency_code FROM logbook_sequences s
         LEFT JOIN dossiers d ON d.receiving_agency = s.agency_code AND d.logbook_number IS NOT NULL
           AND extract(year FROM d.accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int = s.year
         GROUP BY s.agency_code, s.year, s.last_value
         HAVING count(d.logbook_number) <> s.last_value OR count(DISTINCT d.logbook_number) <> s.last_value
            OR coalesce(max(d.logbook_number), 0) <> s.last_value) t`,
    );
    return {
      newPrimaryInRecovery: inRecovery ?? true,
      acknowledged: acked.length,
      found: acked.length - missing.length,
      missing,
      wrongApplicant,
      duplicateCodesAmongAcks: codes.length - new Set(codes).size,
      intakesWithTwoDossiers: twice,
      idempotencyKeysMismatched: keysMismatched,
      keysSharingADossier: shared.rows[0]?.n ?? 0,
      committedButNotAcknowledged,
      sequences: rows,
      gaps: rows.filter((r) => !r.gapFree).length,
      logbookGaps: logbook.rows[0]?.n ?? 0,
    };
  } finally {
    await client.end();
  }
}

/** Every acknowledged code is on each standby too, once it has replayed what the primary has. */
async function checkStandbys(codes: string[], leader: NodeName): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of NODE_NAMES) {
    if (name === leader) continue;
    result[name] = await waitFor(
      `${name} to hold every acknowledged dossier`,
      async () => {
        const client = new pg.Client({
          connectionString: cluster.nodeAppUrl(name),
          connectionTimeoutMillis: 3000,
        });
        await client.connect();
        try {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM dossiers WHERE code = ANY($1)',
            [codes],
          );
          const n = rows[0]?.n ?? 0;
          return n === codes.length ? n : undefined;
        } finally {
          await client.end();
        }
      },
      30_000,
      500,
    ).catch(() => -1);
  }
  return result;
}

/** `npm run motcua -- verify dossiers` against the write endpoint: its exit code and its last line. */
function verifyDossiers(): Promise<{ exitCode: number; summary: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'motcua', '--', 'verify', 'dossiers'],
      { cwd: repoDir, env: { ...process.env, DATABASE_URL: cluster.appUrl }, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const lines = `${stdout}\n${stderr}`.split(/[\r\n]+/).filter((line) => line.trim());
        const summary = lines.find((line) => /sai lệch/.test(line)) ?? lines.at(-1) ?? '';
        resolve({ exitCode: code, summary: summary.trim(), stdout: stdout.trim() });
      },
    );
  });
}

/** Errors a server logged (pino JSON at level ≥ 50), counted by message. */
function serverErrors(name: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of cluster.logOf(name).split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { message?: string; code?: string };
      };
      if ((entry.level ?? 0) < 50) continue;
      const label = `${entry.msg ?? ''}: ${entry.err?.message ?? ''}${entry.err?.code ? ` (${entry.err.code})` : ''}`;
      counts[label] = (counts[label] ?? 0) + 1;
    } catch {
      // not a log entry
    }
  }
  return counts;
}

const seconds = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : (ms / 1000).toFixed(2);

let exitCode = 1;
try {
  log(
    `work directory ${workDir}; PostgreSQL binaries ${pgBin}; user ${process.env.HA_RUN_AS || os.userInfo().username}`,
  );
  log(`ports ${JSON.stringify(cluster.ports)}`);
  await cluster.startEtcd();
  log('etcd up');
  const first = await cluster.startPatroniCluster();
  cluster.notePostmasters();
  log(`Patroni: leader ${first.leader}, synchronous standby ${first.sync}`);
  await cluster.startProxy();
  log('HAProxy up');
  await cluster.createAppDatabase();
  // The first server migrates and seeds; the second then finds it done.
  await cluster.startServer(0, restartMs);
  await cluster.startServer(1, restartMs);
  await waitFor(
    'HAProxy to see both servers up',
    async () => {
      const states = await cluster.proxyStates();
      return states['motcua_http/app1'] === 'UP' && states['motcua_http/app2'] === 'UP' ? true : undefined;
    },
    20_000,
  );
  log('two motcua servers up behind HAProxy');

  const token = await login(cluster.httpUrl, 'receiver', 'demo');
  const load = new IntakeLoad({
    baseUrl: cluster.httpUrl,
    token,
    clients,
    intakeDeadlineMs: INTAKE_DEADLINE_MS,
    attemptTimeoutMs: 30_000,
    retryDelayMs: 200,
  });
  let killedAt = 0;
  const watcher = new Watcher(() => killedAt || Date.now());
  load.start();
  log(`load: ${clients} clients`);
  await sleep(warmupMs);
  const before = await cluster.healthy([], 2);
  if (!before) throw new Error('the cluster was not healthy before the kill');
  const ackedBeforeKill = load.intakes.filter((i) => i.code).length;
  killedAt = Date.now();
  watcher.note(
    `kill -9 ${killMode === 'node' ? 'Patroni and postmaster' : 'postmaster'} of ${before.leader}`,
  );
  const killed = cluster.killNode(before.leader, killMode === 'node');
  log(
    `killed ${before.leader} (Patroni ${killed.patroniPid ?? '-'}, postmaster ${killed.postmasterPid ?? '-'}) after ${ackedBeforeKill} acknowledged intakes`,
  );
  await cluster.reapBackends(killed.backends);

  // Load goes on until the clients are served again, then a while longer.
  const recovered = await waitFor(
    'the clients to be served again',
    async () => {
      const outage = measureOutage(load.attempts, killedAt);
      return outage.firstSuccessAfterAt ? outage : undefined;
    },
    maxOutageMs,
    100,
  ).catch(() => null);
  log(
    recovered
      ? `served again ${seconds((recovered.firstSuccessAfterAt ?? 0) - killedAt)} s after the kill`
      : 'not served again in time',
  );
  await sleep(afterMs);
  await load.stop();
  const endedAt = Date.now();
  log(`load stopped: ${load.intakes.length} intakes, ${load.attempts.length} attempts`);

  const afterKill = killMode === 'node' ? [before.leader] : [];
  const settled = await waitFor('the cluster to settle', () => cluster.healthy(afterKill, 1), 120_000, 500);
  watcher.note(`settled: leader ${settled.leader}, synchronous standby ${settled.sync}`);
  log(`new leader ${settled.leader}, synchronous standby ${settled.sync}`);

  // The killed node comes back and rejoins as a replica (pg_rewind if its timeline diverged).
  let rejoinedMs: number | null = null;
  if (killMode === 'node') {
    const rejoinStart = Date.now();
    watcher.note(`restart Patroni on ${before.leader}`);
    cluster.startPatroni(before.leader);
    const rejoined = await waitFor(
      `${before.leader} to rejoin`,
      async () => {
        const members = await cluster.members();
        const m = members?.find((x) => x.name === before.leader);
        return m && m.role !== 'leader' && (m.state === 'streaming' || m.state === 'running') ? m : undefined;
      },
      120_000,
      500,
    ).catch(() => null);
    rejoinedMs = rejoined ? Date.now() - rejoinStart : null;
    cluster.notePostmasters();
    log(rejoined ? `${before.leader} rejoined as ${rejoined.role} in ${seconds(rejoinedMs)} s` : 'no rejoin');
  }
  await sleep(1000);
  await watcher.stop();
  const final = await cluster.healthy([], 1);

  const outage = measureOutage(load.attempts, killedAt);
  const checks = await check(load);
  const standbys = await checkStandbys(
    load.intakes.filter((i) => i.code).map((i) => i.code as string),
    final?.leader ?? settled.leader,
  );
  log('running motcua verify dossiers…');
  const verify = await verifyDossiers();
  const servers = ['app1', 'app2'].map((name) => ({
    name,
    exits: cluster.exitsOf(name).map((e) => ({ ...e, atMsFromKill: e.at - killedAt })),
    errors: serverErrors(name),
  }));
  const crashes = servers.flatMap((s) => s.exits.map((e) => ({ name: s.name, ...e })));
  const gaveUp = load.intakes.filter((i) => !i.code);

  const leaderChanged = settled.leader !== before.leader;
  const passed =
    checks.missing.length === 0 &&
    checks.wrongApplicant.length === 0 &&
    checks.duplicateCodesAmongAcks === 0 &&
    checks.intakesWithTwoDossiers.length === 0 &&
    checks.idempotencyKeysMismatched.length === 0 &&
    checks.keysSharingADossier === 0 &&
    checks.gaps === 0 &&
    checks.logbookGaps === 0 &&
    !checks.newPrimaryInRecovery &&
    verify.exitCode === 0 &&
    outage.firstSuccessAfterAt !== null &&
    Object.values(standbys).every((n) => n >= 0) &&
    (killMode === 'postgres' || leaderChanged);

  const perSecond = (n: number, ms: number) => (ms > 0 ? Math.round((n * 1000) / ms) : 0);
  const rows: [string, string][] = [
    ['killed', `${killMode === 'node' ? 'Patroni + postmaster' : 'postmaster'} of ${before.leader} (leader)`],
    ['new leader / sync standby', `${settled.leader} / ${settled.sync}`],
    ['clients', String(clients)],
    ['acknowledged before kill', String(ackedBeforeKill)],
    ['intakes acknowledged (201)', String(checks.acknowledged)],
    ['  found on new primary', String(checks.found)],
    ['  lost', String(checks.missing.length)],
    [
      '  on every standby',
      Object.entries(standbys)
        .map(([n, c]) => `${n}: ${c < 0 ? 'NO' : c}`)
        .join(', '),
    ],
    ['intakes given up (deadline)', String(gaveUp.length)],
    ['committed, never acknowledged', String(checks.committedButNotAcknowledged)],
    ['intakes with two dossiers', String(checks.intakesWithTwoDossiers.length)],
    ['keys not matching their dossier', String(checks.idempotencyKeysMismatched.length)],
    ['serial gaps (agency-days)', `${checks.gaps} of ${checks.sequences.length}`],
    ['logbook gaps', String(checks.logbookGaps)],
    [
      'verify dossiers',
      `${verify.exitCode === 0 ? 'ok' : `FAILED (exit ${verify.exitCode})`}: ${verify.summary}`,
    ],
    ['time without service (s)', seconds(outage.withoutServiceMs)],
    [
      '  kill → first failure seen (s)',
      seconds(outage.firstFailureAt ? outage.firstFailureAt - killedAt : null),
    ],
    [
      '  kill → served again (s)',
      seconds(outage.firstSuccessAfterAt ? outage.firstSuccessAfterAt - killedAt : null),
    ],
    ['longest gap between acks (s)', seconds(outage.longestGapBetweenAcksMs)],
    ['slowest attempt (s)', seconds(outage.slowestAttemptMs)],
    ['failed attempts', `${outage.failedAttempts} ${JSON.stringify(outage.failuresBy)}`],
    ['throughput before kill (intakes/s)', String(perSecond(ackedBeforeKill, warmupMs))],
    ['killed node rejoined (s)', killMode === 'node' ? seconds(rejoinedMs) : 'n/a'],
    [
      'server process exits',
      crashes.length === 0
        ? 'none'
        : `${crashes.length}${restartMs === undefined ? '' : ' (restarted)'}: ${crashes
            .map((c) => `${c.name} code ${c.code ?? c.signal} at +${seconds(c.atMsFromKill)} s`)
            .join(', ')}`,
    ],
    ['result', passed ? 'PASS' : 'FAIL'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const table = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
  process.stdout.write(`\n${table}\n\nTimeline (ms from the kill):\n`);
  const timeline = [
    ...watcher.entries,
    ...crashes.map((c) => ({ atMs: c.atMsFromKill, what: `${c.name} exited (${c.code ?? c.signal})` })),
  ].sort((a, b) => a.atMs - b.atMs);
  for (const entry of timeline) process.stdout.write(`  ${String(entry.atMs).padStart(7)}  ${entry.what}\n`);
  for (const s of servers) {
    const errors = Object.entries(s.errors);
    if (errors.length > 0)
      process.stdout.write(
        `\n${s.name} logged errors:\n${errors.map(([m, n]) => `  ${n} × ${m}`).join('\n')}\n`,
      );
  }
  const words = [...new Set(crashes.map((c) => c.lastWords))];
  for (const text of words) process.stdout.write(`\nA server's last words before it exited:\n${text}\n`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const result = {
    kind: 'ha-failover',
    date: new Date().toISOString(),
    command: `npm run test:ha${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    passed,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: version(path.join(pgBin, 'postgres'), ['--version']),
      patroni: version('patroni', ['--version']),
      etcd: version('etcd', ['--version']),
      haproxy: version('haproxy', ['-v']),
    },
    setup: {
      ports: cluster.ports,
      patroni: { ...timing, synchronousMode: true, synchronousModeStrict: strict },
      clients,
      warmupMs,
      afterMs,
      kill: killMode,
      intakeDeadlineMs: INTAKE_DEADLINE_MS,
      maxOutageMs,
      serverRestartMs: restartMs ?? null,
    },
    killed: { node: before.leader, ...killed },
    before,
    settled,
    final,
    rejoinedMs,
    leaderChanged,
    load: {
      intakes: load.intakes.length,
      attempts: load.attempts.length,
      acknowledgedBeforeKill: ackedBeforeKill,
      durationMs: endedAt - (killedAt - warmupMs),
      gaveUp: gaveUp.map((i) => ({ key: i.key, attempts: i.attempts, why: i.gaveUp })),
      retriedAndAcknowledged: load.intakes.filter((i) => i.code && i.attempts > 1).length,
    },
    outage: {
      ...outage,
      firstFailureAfterKillMs: outage.firstFailureAt ? outage.firstFailureAt - killedAt : null,
      servedAgainAfterKillMs: outage.firstSuccessAfterAt ? outage.firstSuccessAfterAt - killedAt : null,
    },
    checks: { ...checks, standbys },
    verify,
    servers,
    timeline,
  };
  const resultsDir = path.join(repoDir, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `ha-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nWritten: ${path.relative(repoDir, file)}\n`);
  exitCode = passed ? 0 : 1;
} catch (error) {
  process.stderr.write(`test:ha failed: ${(error as Error).stack ?? String(error)}\n`);
  exitCode = 1;
} finally {
  log('stopping the cluster…');
  await stopCluster();
  log('stopped');
}
process.exit(exitCode);
