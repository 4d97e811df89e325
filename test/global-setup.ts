import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { verifyDossiers } from '../src/dossiers/verify.js';
import { freePort } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One real PostgreSQL for the whole run: embedded in a temporary directory, or TEST_DATABASE_URL. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.TEST_DATABASE_URL;
  let teardown = async () => {};
  if (!url) {
    const dir = await mkdtemp(path.join(tmpdir(), 'motcua-test-'));
    await chmod(dir, 0o755);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'embedded-pg-process.ts'),
        dir,
        String(await freePort()),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const ready = /READY (\S+)/.exec(output);
        if (ready?.[1]) resolve(ready[1]);
      });
      child.on('exit', (code) => reject(new Error(`test PostgreSQL exited (${code}): ${output}`)));
    });
    teardown = async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    };
  }
  const db = connect(url);
  try {
    await migrate(db.pool);
    await seedDemo(db.kysely, { demoPassword: 'demo' });
  } catch (error) {
    await db.close();
    await teardown();
    throw error;
  }
  await db.close();
  project.provide('databaseUrl', url);
  const databaseUrl = url;
  // After the whole suite, every dossier's projection must equal the fold of its events.
  return async () => {
    const check = connect(databaseUrl);
    try {
      const report = await verifyDossiers(check.kysely);
      if (report.differences.length > 0) {
        throw new Error(
          `verify dossiers: ${report.differences.length} differences: ${JSON.stringify(report.differences.slice(0, 5))}`,
        );
      }
      process.stdout.write(`verify dossiers: ${report.checked} dossiers, no difference\n`);
    } finally {
      await check.close();
      await teardown();
    }
  };
}
