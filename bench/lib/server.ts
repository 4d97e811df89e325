import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Dispatcher, Pool } from 'undici';
import { SERVER_NODE_FLAGS } from '../../src/config.js';

export interface RunningServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The peak resident memory of a process since its peak was last reset, in MiB (Linux: VmHWM). Writing 5 to
 * clear_refs resets the peak to the current size, so each benchmark path gets a peak of its own.
 */
export class PeakMemory {
  constructor(private readonly pid: number) {}

  async reset(): Promise<void> {
    await writeFile(`/proc/${this.pid}/clear_refs`, '5').catch(() => undefined);
  }

  async peakMiB(): Promise<number | null> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8').catch(() => '');
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  }
}

/** `dataDir`: where the server keeps its files and signing keys (the bench's scratch, never ./data). */
export async function startServer(
  databaseUrl: string,
  poolSize: number,
  dataDir: string,
): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [
      // The heap limit the server runs with in production.
      ...SERVER_NODE_FLAGS,
      // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under load.
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, '..', 'server-process.ts'),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: String(poolSize),
        MOTCUA_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /LISTENING (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The load generator's HTTP client: undici's keep-alive pool and its plain request API. The generator shares
 * the machine's cores with the server and the database, so its own cost per request is kept low: measured on
 * the intake bench, 0.6 ms of CPU per request against 1.3 ms with the fetch API.
 */
export class Http {
  private readonly pool: Pool;

  constructor(readonly base: string) {
    this.pool = new Pool(base);
  }

  async json<T>(
    method: string,
    url: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.pool.request({
      path: url,
      method: method as Dispatcher.HttpMethod,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400)
      throw new Error(`${method} ${url} → ${response.statusCode} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  async login(username: string): Promise<string> {
    return (
      await this.json<{ token: string }>('POST', '/api/auth/login', null, { username, password: 'demo' })
    ).token;
  }
}
