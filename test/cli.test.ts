import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDatabaseUrl } from './file-database.js';
import { freePort } from './ports.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function motcua(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}: ${seen}`)), timeoutMs);
    child.stdout?.on('data', (chunk) => {
      seen += chunk;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}

describe('npm start: embedded PostgreSQL, demo data once, clean stop', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'motcua-start-'));
    await chmod(dir, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts, serves, stops on SIGINT, and reuses the data on a second start', async () => {
    const env = {
      MOTCUA_DATA_DIR: dir,
      PORT: String(await freePort()),
      MOTCUA_PG_PORT: String(await freePort()),
      HOST: '127.0.0.1',
    };
    const first = motcua(['start'], env);
    const firstDone = finished(first);
    const output = await waitForLine(first, /Tài khoản demo[\s\S]*citizen/);
    expect(output).toContain('Nạp dữ liệu mẫu');
    expect(output).toContain(`http://127.0.0.1:${env.PORT}`);
    const health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const procedures = await (await fetch(`http://127.0.0.1:${env.PORT}/api/procedures?pageSize=1`)).json();
    // 1,604 codes of the demo CSV and the national records, and the procedures of the demo's own processes.
    expect(procedures.total).toBe(1606);
    first.kill('SIGINT');
    const stopped = await firstDone;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('Đã dừng máy chủ và cơ sở dữ liệu');

    const second = motcua(['start'], env);
    const secondDone = finished(second);
    const again = await waitForLine(second, /Tài khoản demo[\s\S]*citizen/);
    expect(again).not.toContain('Nạp dữ liệu mẫu');
    expect(again).not.toContain('Đã áp dụng migration');
    const agencies = await (await fetch(`http://127.0.0.1:${env.PORT}/api/agencies?pageSize=1`)).json();
    expect(agencies.total).toBe(123);
    second.kill('SIGTERM');
    expect((await secondDone).code).toBe(0);
  }, 180_000);

  it('stops at boot with one line naming a bad variable', { timeout: 60_000 }, async () => {
    const result = await finished(motcua(['start'], { PORT: 'abc', MOTCUA_DATA_DIR: dir }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('PORT');
  });
});

describe('command line against the test database', { timeout: 120_000 }, () => {
  const env = async () => ({ DATABASE_URL: await testDatabaseUrl() });

  it('calendar due prints the due instant', async () => {
    const result = await finished(
      motcua(['calendar', 'due', '--from', '2025-01-24T09:00:00+07:00', '--working-days', '5'], await env()),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
      due: '2025-02-07T17:00:00+07:00',
    });
  });

  it('import procedures exits 1 and lists the bad rows, 0 when all rows are good', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'motcua-cli-'));
    const header = 'code,name,field,level,time_value,time_unit,fee,submission_channels';
    const bad = path.join(dir, 'bad.csv');
    await writeFile(
      bad,
      `${header}\n9.920001,Thủ tục CLI,Thử nghiệm,Cấp xã,2,Ngày làm việc,Miễn phí,Trực tiếp\n9.92,Lỗi,Thử nghiệm,Cấp xã,2,Ngày làm việc,,Trực tiếp\n`,
    );
    const failed = await finished(motcua(['import', 'procedures', bad], await env()));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('dòng 3 (9.92) cột code');
    expect(failed.stderr).toContain('Nhập thủ tục');
    const good = path.join(dir, 'good.csv');
    await writeFile(
      good,
      `${header}\n9.920002,Thủ tục CLI tốt,Thử nghiệm,Cấp xã,2,Ngày làm việc,Miễn phí,Trực tiếp\n`,
    );
    expect((await finished(motcua(['import', 'procedures', good], await env()))).code).toBe(0);
    expect(
      (await finished(motcua(['import', 'procedures', path.join(dir, 'none.csv')], await env()))).code,
    ).toBe(2);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('backup and restore from the command line', { timeout: 180_000 }, () => {
  it('backs up the test database and restores it into an empty one, verified', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'motcua-cli-backup-'));
    const name = `cli_restore_${Date.now()}`;
    const admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(inject('adminUrl'));
    target.pathname = `/${name}`;
    try {
      const backup = await finished(
        motcua(['backup', path.join(dir, 'b')], { DATABASE_URL: await testDatabaseUrl() }),
      );
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/Đã sao lưu \d+ bảng/);
      const restore = await finished(
        motcua(['restore', path.join(dir, 'b')], { DATABASE_URL: target.toString() }),
      );
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toMatch(/0 sai lệch/);
      const again = await finished(
        motcua(['restore', path.join(dir, 'b')], { DATABASE_URL: target.toString() }),
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('không trống');
    } finally {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
