import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { embeddedOwnerUrl } from '../../src/db/embedded.js';
import { freePort } from '../ports.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** How much the reliability suite does: a short form inside `npm test`, the full one by `npm run test:reliability`. */
export const FULL = process.env.MOTCUA_RELIABILITY === 'full';

/**
 * The real thing as an operator runs it: `motcua start` in its own process, on its own embedded PostgreSQL in
 * a temporary data directory, which the tests kill -9 (the server, or the postmaster) and start again.
 */
export class Stack {
  readonly pgPort: number;
  readonly httpPort: number;
  private server: ChildProcess | null = null;
  /** The end of what the running server printed, to say why it stopped answering. */
  private output = '';
  private constructor(
    readonly dataDir: string,
    ports: [number, number],
    private readonly env: Record<string, string>,
  ) {
    [this.pgPort, this.httpPort] = ports;
  }

  static async create(env: Record<string, string> = {}, dataDir?: string): Promise<Stack> {
    const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'motcua-reliability-')));
    await chmod(path.dirname(dir), 0o755).catch(() => undefined);
    if (!dataDir) await chmod(dir, 0o755);
    return new Stack(dir, [await freePort(), await freePort()], env);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get databaseUrl(): string {
    return this.env.DATABASE_URL ?? embeddedOwnerUrl(this.dataDir, this.pgPort);
  }

  /** Starts the server and waits until it serves. */
  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        MOTCUA_DATA_DIR: this.dataDir,
        MOTCUA_PG_PORT: String(this.pgPort),
        PORT: String(this.httpPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        // The load comes from one address, far above what one person sends.
        MOTCUA_RATE_WRITES_PER_MINUTE: '0',
        MOTCUA_RATE_TRACKING_PER_MINUTE: '0',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.server = child;
    let output = '';
    let ready = false;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      if (ready) this.output += `\n[server exited: code ${code}, signal ${signal}]`;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start: ${output.slice(-2000)}`)),
        timeoutMs,
      );
      const seen = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('motcua đang chạy tại')) {
          clearTimeout(timer);
          ready = true;
          resolve();
        }
      };
      child.stdout?.on('data', seen);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`server exited (${code}) while starting: ${output.slice(-2000)}`));
      });
    });
  }

  /** The last few thousand characters the server printed (its stderr carries the supervisor's notices). */
  get lastOutput(): string {
    return this.output;
  }

  /** kill -9 of the server process (its embedded PostgreSQL lives on, as it would). */
  killServer(): void {
    this.server?.kill('SIGKILL');
    this.server = null;
  }

  /**
   * kill -9 of the postmaster; the server's supervisor is expected to start it again. The lock file may still
   * name a postmaster that is gone (one being restarted after an earlier kill, on a loaded machine): the kill
   * then waits for the live one, for a bounded time.
   */
  async killPostmaster(): Promise<void> {
    const lock = path.join(this.dataDir, 'pg', 'postmaster.pid');
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if (!existsSync(lock)) throw Object.assign(new Error('no postmaster.pid'), { code: 'ESRCH' });
        process.kill(Number(readFileSync(lock, 'utf8').split('\n')[0]), 'SIGKILL');
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH' || Date.now() > deadline)
          throw new Error(`no live postmaster to kill: ${(error as Error).message}\n${this.output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Stops the server (SIGTERM, bounded) and whatever PostgreSQL it left behind, and removes the data. */
  async destroy(): Promise<void> {
    const server = this.server;
    if (server && server.exitCode === null) {
      const gone = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await gone;
    }
    const lock = path.join(this.dataDir, 'pg', 'postmaster.pid');
    if (existsSync(lock)) {
      try {
        process.kill(Number(readFileSync(lock, 'utf8').split('\n')[0]), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Milliseconds until SIGTERM ends the server (it must always end within a bound). */
  async terminate(): Promise<number> {
    const server = this.server;
    if (!server) return 0;
    const started = Date.now();
    const gone = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await gone;
    this.server = null;
    return Date.now() - started;
  }
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** One HTTP call; a refused connection or a timeout is status 0 (the caller retries). */
export async function call(
  baseUrl: string,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  try {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    return { status: 0, body: {} };
  }
}

export async function login(baseUrl: string, username: string): Promise<string> {
  for (;;) {
    const reply = await call(baseUrl, 'POST', '/api/auth/login', null, { username, password: 'demo' });
    if (reply.status === 200) return String(reply.body.token);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A server on its own embedded database for the tests of a file: started before them, removed after. */
export function stackForFile(): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await Stack.create();
    await stack.start();
  }, 180_000);
  afterAll(() => stack?.destroy(), 60_000);
  return () => {
    if (!stack) throw new Error('the stack has not started');
    return stack;
  };
}
