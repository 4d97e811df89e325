/**
 * A loopback high-availability setup made of real parts: one etcd member, three Patroni nodes running
 * Debian's PostgreSQL with synchronous replication, HAProxy giving one write endpoint (routed by Patroni's
 * `/primary` health check) and one HTTP endpoint spread over two motcua server processes.
 * Under root every process runs as an unprivileged OS user (PostgreSQL refuses root).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { SERVER_NODE_FLAGS } from '../../src/config.js';

export const NODE_NAMES = ['pg1', 'pg2', 'pg3'] as const;
export type NodeName = (typeof NODE_NAMES)[number];

export const SCOPE = 'motcua-ha';
const SUPERUSER = { username: 'postgres', password: 'ha-super' };
const REPLICATION = { username: 'replicator', password: 'ha-repl' };
const REWIND = { username: 'rewinder', password: 'ha-rewind' };
export const APP_USER = { username: 'motcua', password: 'motcua', database: 'motcua' };

/** Patroni's timing (loop_wait + 2 × retry_timeout ≤ ttl): a dead leader's key expires after `ttl` seconds. */
export interface Timing {
  ttl: number;
  loopWait: number;
  retryTimeout: number;
}

export interface ClusterOptions {
  workDir: string;
  pgBin: string;
  /** OS user every process runs as (when the test runs as root); empty: the current user. */
  runAs: string;
  repoDir: string;
  timing: Timing;
  synchronousModeStrict: boolean;
  log: (line: string) => void;
}

export interface Ports {
  etcdClient: number;
  etcdPeer: number;
  pg: Record<NodeName, number>;
  rest: Record<NodeName, number>;
  proxyPg: number;
  proxyHttp: number;
  proxyStats: number;
  app: [number, number];
}

export interface Member {
  name: string;
  role: string;
  state: string;
  timeline?: number;
  lag?: number | string;
}

interface Spec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Restarted this many ms after it exits, as a service manager would (systemd's Restart=always). */
  restartMs?: number;
}

export interface Exit {
  /** Epoch ms. */
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What the process wrote last before it exited (its crash report, if any). */
  lastWords: string;
}

interface Managed {
  name: string;
  spec: Spec;
  child: ChildProcess;
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
  exits: Exit[];
  logFile: string;
  logOffset: number;
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released for the process that will bind it). */
async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

export async function allocatePorts(): Promise<Ports> {
  const taken = new Set<number>();
  const next = () => freePort(taken);
  const pgPorts = { pg1: await next(), pg2: await next(), pg3: await next() };
  const rest = { pg1: await next(), pg2: await next(), pg3: await next() };
  return {
    etcdClient: await next(),
    etcdPeer: await next(),
    pg: pgPorts,
    rest,
    proxyPg: await next(),
    proxyHttp: await next(),
    proxyStats: await next(),
    app: [await next(), await next()],
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined) or the time is up. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await sleep(everyMs);
  }
}

async function getJson(url: string, timeoutMs = 1500): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class Cluster {
  readonly ports: Ports;
  private readonly processes = new Map<string, Managed>();
  private stopping = false;
  private readonly uid: number | undefined;
  private readonly gid: number | undefined;

  constructor(
    private readonly options: ClusterOptions,
    ports: Ports,
  ) {
    this.ports = ports;
    if (options.runAs) {
      this.uid = Number(execFileSync('id', ['-u', options.runAs], { encoding: 'utf8' }).trim());
      this.gid = Number(execFileSync('id', ['-g', options.runAs], { encoding: 'utf8' }).trim());
    }
  }

  path(...parts: string[]): string {
    return path.join(this.options.workDir, ...parts);
  }

  get superuserUrl(): string {
    return `postgres://${SUPERUSER.username}:${SUPERUSER.password}@127.0.0.1:${this.ports.proxyPg}/postgres`;
  }

  get appUrl(): string {
    return `postgres://${APP_USER.username}:${APP_USER.password}@127.0.0.1:${this.ports.proxyPg}/${APP_USER.database}`;
  }

  nodeAppUrl(name: NodeName): string {
    return `postgres://${APP_USER.username}:${APP_USER.password}@127.0.0.1:${this.ports.pg[name]}/${APP_USER.database}`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.ports.proxyHttp}`;
  }

  /** A directory or file the unprivileged user owns. */
  private own(target: string): void {
    if (this.uid !== undefined && this.gid !== undefined) chownSync(target, this.uid, this.gid);
  }

  private makeDir(...parts: string[]): string {
    const dir = this.path(...parts);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.own(dir);
    return dir;
  }

  private writeConfig(file: string, text: string): void {
    writeFileSync(file, text, { mode: 0o600 });
    this.own(file);
  }

  private remember(pid: number | undefined): void {
    if (pid) appendFileSync(this.path('pids'), `${pid}\n`);
  }

  private spawn(name: string, spec: Spec): Managed {
    const logFile = this.path('logs', `${name}.log`);
    const managed: Managed = {
      name,
      spec,
      child: undefined as unknown as ChildProcess,
      exited: null,
      exits: this.processes.get(name)?.exits ?? [],
      logFile,
      logOffset: 0,
    };
    this.processes.set(name, managed);
    this.launch(managed);
    return managed;
  }

  private launch(managed: Managed): void {
    const { spec } = managed;
    managed.logOffset = existsSync(managed.logFile) ? statSync(managed.logFile).size : 0;
    const fd = openSync(managed.logFile, 'a');
    const child = spawn(spec.command, spec.args, {
      cwd: this.options.repoDir,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: this.options.workDir, ...spec.env },
      stdio: ['ignore', fd, fd],
      // Its own process group: Ctrl-C on the terminal reaches only the test, which stops these in order.
      detached: true,
      ...(this.uid !== undefined ? { uid: this.uid, gid: this.gid } : {}),
    });
    closeSync(fd);
    managed.child = child;
    managed.exited = null;
    child.on('exit', (code, signal) => {
      if (managed.child !== child) return;
      managed.exited = { code, signal };
      if (this.stopping) return;
      const words = readFileSync(managed.logFile).subarray(managed.logOffset).toString('utf8');
      // Node's report of an uncaught error starts with a line such as `node:events:502`.
      const crash = words.search(/^node:[a-z_]+:\d+$/m);
      const lastWords = (crash >= 0 ? words.slice(crash) : words.split('\n').slice(-20).join('\n')).trim();
      managed.exits.push({ at: Date.now(), code, signal, lastWords: lastWords.slice(0, 4000) });
      if (spec.restartMs !== undefined) {
        this.options.log(`${managed.name} exited (${code ?? signal}); restarting in ${spec.restartMs} ms`);
        setTimeout(() => {
          if (!this.stopping && managed.child === child) this.launch(managed);
        }, spec.restartMs);
      } else {
        this.options.log(`${managed.name} exited (${code ?? signal})`);
      }
    });
    child.on('error', (error) => {
      this.options.log(`${managed.name}: ${error.message}`);
    });
    this.remember(child.pid);
  }

  exitsOf(name: string): Exit[] {
    return this.processes.get(name)?.exits ?? [];
  }

  logOf(name: string): string {
    const file = this.path('logs', `${name}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  private checkRunning(name: string): void {
    const managed = this.processes.get(name);
    if (managed?.exited) {
      const tail = this.logOf(name).split('\n').slice(-15).join('\n');
      throw new Error(`${name} exited (${JSON.stringify(managed.exited)}); last lines of its log:\n${tail}`);
    }
  }

  async startEtcd(): Promise<void> {
    this.makeDir('logs');
    const dataDir = this.makeDir('etcd');
    const peer = `http://127.0.0.1:${this.ports.etcdPeer}`;
    const client = `http://127.0.0.1:${this.ports.etcdClient}`;
    this.spawn('etcd', {
      command: 'etcd',
      env: {},
      args: [
        '--name',
        'etcd1',
        '--data-dir',
        dataDir,
        '--listen-client-urls',
        client,
        '--advertise-client-urls',
        client,
        '--listen-peer-urls',
        peer,
        '--initial-advertise-peer-urls',
        peer,
        '--initial-cluster',
        `etcd1=${peer}`,
        '--initial-cluster-state',
        'new',
        '--initial-cluster-token',
        SCOPE,
      ],
    });
    await waitFor(
      'etcd',
      async () => {
        this.checkRunning('etcd');
        const { status } = await getJson(`${client}/health`);
        return status === 200 ? true : undefined;
      },
      20_000,
    );
  }

  /** Patroni's configuration for one node (JSON is YAML, so no YAML writer is needed). */
  private patroniConfig(name: NodeName): string {
    const nodeDir = this.path(name);
    const { ttl, loopWait, retryTimeout } = this.options.timing;
    const config = {
      scope: SCOPE,
      name,
      log: { level: 'INFO', format: '%(asctime)s %(levelname)s: %(message)s' },
      restapi: {
        listen: `127.0.0.1:${this.ports.rest[name]}`,
        connect_address: `127.0.0.1:${this.ports.rest[name]}`,
      },
      etcd3: { hosts: [`127.0.0.1:${this.ports.etcdClient}`] },
      bootstrap: {
        dcs: {
          ttl,
          loop_wait: loopWait,
          retry_timeout: retryTimeout,
          maximum_lag_on_failover: 1_048_576,
          // An acknowledged commit is on the primary and on the synchronous standby; only that standby may
          // be promoted. Strict: with no standby left, writes wait rather than commit on one node alone.
          synchronous_mode: true,
          synchronous_mode_strict: this.options.synchronousModeStrict,
          postgresql: {
            use_pg_rewind: true,
            use_slots: true,
            parameters: {
              wal_level: 'replica',
              hot_standby: 'on',
              max_connections: 200,
              max_wal_senders: 10,
              max_replication_slots: 10,
              wal_log_hints: 'on',
              wal_keep_size: '256MB',
              synchronous_commit: 'on',
            },
          },
        },
        initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
      },
      postgresql: {
        listen: `127.0.0.1:${this.ports.pg[name]}`,
        connect_address: `127.0.0.1:${this.ports.pg[name]}`,
        data_dir: path.join(nodeDir, 'data'),
        bin_dir: this.options.pgBin,
        pgpass: path.join(nodeDir, 'pgpass'),
        authentication: { superuser: SUPERUSER, replication: REPLICATION, rewind: REWIND },
        parameters: { unix_socket_directories: nodeDir },
        pg_hba: [
          'local all all trust',
          `host replication ${REPLICATION.username} 127.0.0.1/32 scram-sha-256`,
          'host all all 127.0.0.1/32 scram-sha-256',
        ],
      },
      tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
    };
    return JSON.stringify(config, null, 2);
  }

  startPatroni(name: NodeName): void {
    this.makeDir(name);
    const file = this.path(name, 'patroni.yml');
    this.writeConfig(file, this.patroniConfig(name));
    this.spawn(name, { command: 'patroni', args: [file], env: { PYTHONUNBUFFERED: '1' } });
  }

  /** Patroni's view of the cluster, asked from any node that answers. */
  async members(except: NodeName[] = []): Promise<Member[] | undefined> {
    for (const name of NODE_NAMES) {
      if (except.includes(name)) continue;
      try {
        const { status, body } = await getJson(`http://127.0.0.1:${this.ports.rest[name]}/cluster`, 1000);
        if (status === 200 && body && typeof body === 'object' && 'members' in body)
          return (body as { members: Member[] }).members;
      } catch {
        // this node does not answer: ask the next
      }
    }
    return undefined;
  }

  /** A running leader and a streaming synchronous standby (and `replicas` other streaming members). */
  async healthy(
    except: NodeName[] = [],
    replicas = 1,
  ): Promise<{ leader: NodeName; sync: NodeName } | undefined> {
    const members = await this.members(except);
    if (!members) return undefined;
    const leader = members.find((m) => m.role === 'leader' && m.state === 'running');
    const sync = members.find(
      (m) => m.role === 'sync_standby' && (m.state === 'streaming' || m.state === 'running'),
    );
    const others = members.filter(
      (m) => m.role === 'replica' && (m.state === 'streaming' || m.state === 'running'),
    );
    if (!leader || !sync || others.length < replicas - 1) return undefined;
    return { leader: leader.name as NodeName, sync: sync.name as NodeName };
  }

  async startPatroniCluster(): Promise<{ leader: NodeName; sync: NodeName }> {
    // The first node bootstraps (initdb); the others then clone it with pg_basebackup.
    this.startPatroni('pg1');
    await waitFor(
      'the first PostgreSQL node to lead',
      async () => {
        this.checkRunning('pg1');
        const { status } = await getJson(`http://127.0.0.1:${this.ports.rest.pg1}/primary`, 1000);
        return status === 200 ? true : undefined;
      },
      60_000,
      500,
    );
    this.startPatroni('pg2');
    this.startPatroni('pg3');
    return waitFor(
      'a leader, a synchronous standby and a replica',
      async () => {
        for (const name of NODE_NAMES) this.checkRunning(name);
        return this.healthy([], 2);
      },
      120_000,
      500,
    );
  }

  /** The PID of a node's postmaster (from its data directory), if it runs. */
  postmasterPid(name: NodeName): number | undefined {
    const file = this.path(name, 'data', 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  }

  /** Postmasters are children of Patroni, not of the test: note their PIDs for the last-resort cleanup. */
  notePostmasters(): void {
    for (const name of NODE_NAMES) this.remember(this.postmasterPid(name));
  }

  /** Creates the application's role and database through the write endpoint. */
  async createAppDatabase(): Promise<void> {
    const client = new pg.Client({ connectionString: this.superuserUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(`CREATE ROLE ${APP_USER.username} LOGIN PASSWORD '${APP_USER.password}'`);
      await client.query(`CREATE DATABASE ${APP_USER.database} OWNER ${APP_USER.username}`);
    } finally {
      await client.end();
    }
  }

  async startProxy(): Promise<void> {
    const { ports } = this;
    const pgServers = NODE_NAMES.map(
      (name) => `  server ${name} 127.0.0.1:${ports.pg[name]} check port ${ports.rest[name]}`,
    ).join('\n');
    const appServers = ports.app.map((port, i) => `  server app${i + 1} 127.0.0.1:${port} check`).join('\n');
    const config = `global
  maxconn 2000

defaults
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 1s
  timeout queue 3s

# The write endpoint: only the node whose Patroni answers 200 on /primary takes connections; when a node
# stops being the primary its connections are cut, so clients reconnect to the new one.
listen postgres_primary
  mode tcp
  bind 127.0.0.1:${ports.proxyPg}
  option httpchk
  http-check send meth GET uri /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
${pgServers}

# HTTP spread over the motcua server processes; a process whose /healthz fails is taken out.
listen motcua_http
  mode http
  bind 127.0.0.1:${ports.proxyHttp}
  balance roundrobin
  option httpchk
  http-check send meth GET uri /healthz
  http-check expect status 200
  timeout http-request 10s
  timeout client 60s
  timeout server 60s
  default-server inter 1s fall 2 rise 1
${appServers}

listen stats
  mode http
  bind 127.0.0.1:${ports.proxyStats}
  stats enable
  stats uri /
`;
    const file = this.path('haproxy.cfg');
    this.writeConfig(file, config);
    this.spawn('haproxy', { command: 'haproxy', args: ['-db', '-f', file], env: {} });
    await waitFor(
      'HAProxy',
      async () => {
        this.checkRunning('haproxy');
        const { status } = await getJson(`http://127.0.0.1:${ports.proxyStats}/;csv`);
        return status === 200 ? true : undefined;
      },
      20_000,
    );
  }

  /** Proxy state of each backend server, from HAProxy's statistics page. */
  async proxyStates(): Promise<Record<string, string>> {
    const response = await fetch(`http://127.0.0.1:${this.ports.proxyStats}/;csv`, {
      signal: AbortSignal.timeout(1000),
    });
    const states: Record<string, string> = {};
    for (const line of (await response.text()).split('\n')) {
      const [proxy, server, ...rest] = line.split(',');
      if (!proxy || !server || proxy.startsWith('#') || server === 'FRONTEND' || server === 'BACKEND')
        continue;
      states[`${proxy}/${server}`] = rest[15] ?? '';
    }
    return states;
  }

  /** One motcua server process (`node --import tsx src/main.ts start`) behind the HTTP proxy. */
  async startServer(index: 0 | 1, restartMs?: number): Promise<void> {
    const name = `app${index + 1}`;
    const port = this.ports.app[index];
    const dataDir = this.makeDir(name);
    this.spawn(name, {
      command: process.execPath,
      args: [...SERVER_NODE_FLAGS, '--import', 'tsx', 'src/main.ts', 'start'],
      env: {
        DATABASE_URL: this.appUrl,
        MOTCUA_DEMO: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        MOTCUA_DATA_DIR: dataDir,
        MOTCUA_PUBLIC_URL: this.httpUrl,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        // The load generator writes from one address (through HAProxy) far above one person's rate.
        MOTCUA_RATE_WRITES_PER_MINUTE: '0',
        MOTCUA_RATE_TRACKING_PER_MINUTE: '0',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      },
      ...(restartMs === undefined ? {} : { restartMs }),
    });
    await waitFor(
      name,
      async () => {
        this.checkRunning(name);
        const { status } = await getJson(`http://127.0.0.1:${port}/healthz`);
        return status === 200 ? true : undefined;
      },
      120_000,
      500,
    );
  }

  /**
   * Kills a node as a machine loss would: Patroni first (so it cannot restart PostgreSQL), then the
   * postmaster, both with SIGKILL; with `withPatroni` false only the postmaster (Patroni then restarts it).
   * Returns the PIDs, and those of the postmaster's children at that moment.
   */
  killNode(
    name: NodeName,
    withPatroni = true,
  ): { patroniPid?: number; postmasterPid?: number; backends: number[] } {
    const postmasterPid = this.postmasterPid(name);
    const backends = postmasterPid ? this.childrenOf(postmasterPid) : [];
    const patroniPid = withPatroni ? this.processes.get(name)?.child.pid : undefined;
    if (patroniPid) process.kill(patroniPid, 'SIGKILL');
    if (postmasterPid) process.kill(postmasterPid, 'SIGKILL');
    return { ...(patroniPid ? { patroniPid } : {}), ...(postmasterPid ? { postmasterPid } : {}), backends };
  }

  /** Backends of a killed postmaster exit on their own when they notice; any still there after 1 s are killed. */
  async reapBackends(backends: number[]): Promise<void> {
    await sleep(1000);
    for (const pid of backends) {
      try {
        // Only a process that is still a PostgreSQL backend (a PID is not reused that fast, but check).
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres')) continue;
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }

  private childrenOf(parent: number): number[] {
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent)], { encoding: 'utf8' })
        .split('\n')
        .map((line) => Number(line.trim()))
        .filter((pid) => pid > 0);
    } catch {
      return [];
    }
  }

  /** Stops everything, newest first: servers, proxy, Patroni nodes (each stops its PostgreSQL), etcd. */
  async stop(): Promise<void> {
    this.stopping = true;
    const order = ['app2', 'app1', 'haproxy', 'pg3', 'pg2', 'pg1', 'etcd'];
    for (const name of order) {
      const managed = this.processes.get(name);
      if (!managed || managed.exited || !managed.child.pid) continue;
      const pid = managed.child.pid;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        continue;
      }
      const deadline = Date.now() + 15_000;
      while (!managed.exited && Date.now() < deadline) await sleep(100);
      if (!managed.exited) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          process.kill(pid, 'SIGKILL');
        }
      }
    }
    // A postmaster whose Patroni was killed (or did not stop it) is stopped here.
    for (const name of NODE_NAMES) {
      const pid = this.postmasterPid(name);
      if (!pid) continue;
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // gone
      }
      const deadline = Date.now() + 5_000;
      while (alive(pid) && Date.now() < deadline) await sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
}
