import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../ports.js';
import { audit, IntakeLoad } from './load.js';
import { call, FULL, Stack } from './stack.js';

const OUTAGE_MS = FULL ? 30_000 : 5_000;

/** An operator's PostgreSQL (the server uses it through DATABASE_URL), stopped and started by the test. */
class ExternalPostgres {
  private child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<ExternalPostgres> {
    const dir = await mkdtemp(path.join(tmpdir(), 'motcua-outage-pg-'));
    await chmod(dir, 0o755);
    return new ExternalPostgres(dir, await freePort());
  }

  async start(): Promise<string> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '..', 'embedded-pg-process.ts'),
        this.dir,
        String(this.port),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.child = child;
    return new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk) => {
        output += chunk;
        const ready = /READY (\S+)/.exec(output);
        if (ready?.[1]) resolve(ready[1]);
      });
      child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code})`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Outage: the operator's PostgreSQL is stopped under load for a while. Meanwhile the API answers 503
 * DATABASE_UNAVAILABLE at once and /healthz is red; nothing is half-written; when PostgreSQL is back the
 * server serves again by itself, without a restart.
 */
describe(`outage: PostgreSQL stopped for ${OUTAGE_MS / 1000} s under load`, () => {
  let database: ExternalPostgres;
  let stack: Stack;
  beforeAll(async () => {
    database = await ExternalPostgres.create();
    stack = await Stack.create({ DATABASE_URL: await database.start() });
    await stack.start();
  }, 180_000);
  afterAll(async () => {
    await stack.destroy();
    await database.destroy();
  }, 60_000);

  it('answers 503 quickly while it is away and recovers by itself', async () => {
    const load = new IntakeLoad(stack.baseUrl, 4);
    load.start();
    await pause(2_000);
    await database.stop();
    const stoppedAt = Date.now();
    const probes: { status: number; ms: number; health: number }[] = [];
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      const started = Date.now();
      const reply = await call(stack.baseUrl, 'GET', '/api/procedures?q=khai%20sinh', null);
      const ms = Date.now() - started;
      const health = (await call(stack.baseUrl, 'GET', '/healthz', null)).status;
      probes.push({ status: reply.status, ms, health });
      await pause(250);
    }
    const acknowledgedBefore = load.acknowledged.length;
    const restartedAt = Date.now();
    await database.start();
    let recoveredMs = 0;
    while (load.acknowledged.length === acknowledgedBefore) {
      if (Date.now() - restartedAt > 60_000) throw new Error('the server did not recover within a minute');
      await pause(50);
    }
    recoveredMs = Date.now() - restartedAt;
    await pause(1_000);
    await load.stop();
    const result = await audit(stack.databaseUrl, load);
    const during = probes.slice(2);
    const slowest = Math.max(...during.map((p) => p.ms));
    process.stdout.write(
      `outage: ${OUTAGE_MS / 1000} s; ${during.length} probes while down: statuses ${[...new Set(during.map((p) => p.status))].join('/')}, ` +
        `health ${[...new Set(during.map((p) => p.health))].join('/')}, slowest answer ${slowest} ms; ` +
        `first acknowledged intake ${recoveredMs} ms after PostgreSQL was back; ${result.acknowledged} acknowledged, ${result.found} found, ` +
        `${result.verifyDifferences} verify differences\n`,
    );
    expect(during.every((p) => p.status === 503 && p.health === 503)).toBe(true);
    expect(slowest).toBeLessThan(1_000);
    expect(recoveredMs).toBeLessThan(15_000);
    expect(result.missing).toEqual([]);
    expect(result.duplicates).toBe(0);
    expect(result.serialGaps).toEqual([]);
    expect(result.verifyDifferences).toBe(0);
    expect(load.serverErrors).toBe(0);
    // SIGTERM ends the server within its bound, database or not.
    await database.stop();
    expect(await stack.terminate()).toBeLessThan(25_000);
    await database.start();
  }, 600_000);
});
