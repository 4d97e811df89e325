import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { personalDataIn } from './log-scan.js';
import { freePort } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database, for creating and dropping databases. */
    adminUrl: string;
    /** A migrated and seeded database that each test file copies (test/file-database.ts). */
    templateDatabase: string;
    /** The demo CA and agencies' signing keys made by the seed, shared by every test file. */
    signingDir: string;
    /** Where every test server writes its log, scanned for personal data when the run ends. */
    serverLog: string;
  }
}

const TEMPLATE = 'motcua_template';

/**
 * One real PostgreSQL for the whole run (embedded in a temporary directory, or the server of
 * TEST_DATABASE_URL, whose role must be allowed to create databases). A template database is migrated and
 * seeded once; each test file works in its own copy.
 */
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
  const signingDir = await mkdtemp(path.join(tmpdir(), 'motcua-signing-'));
  const logDir = await mkdtemp(path.join(tmpdir(), 'motcua-server-log-'));
  const serverLog = path.join(logDir, 'server.log');
  await writeFile(serverLog, '');
  const previousTeardown = teardown;
  teardown = async () => {
    await previousTeardown();
    await rm(signingDir, { recursive: true, force: true });
    // The servers' log of the whole run carries no identity number, phone, e-mail or applicant's name.
    const findings = personalDataIn(await readFile(serverLog, 'utf8'));
    await rm(logDir, { recursive: true, force: true });
    if (findings.length > 0) {
      const report = path.resolve('test-results', 'personal-data-in-server-log.txt');
      await mkdir(path.dirname(report), { recursive: true });
      await writeFile(report, `${findings.join('\n')}\n`);
      // An error thrown here is printed but does not fail the run: the exit code does.
      process.exitCode = 1;
      throw new Error(
        `personal data in the server log (${findings.length} lines, all in ${report}), e.g.:\n${findings.slice(0, 5).join('\n')}`,
      );
    }
  };
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    const db = connect(templateUrl.toString());
    try {
      await migrate(db.pool);
      await seedDemo(db.kysely, { demoPassword: 'demo', signingDir });
    } finally {
      await db.close();
    }
  } catch (error) {
    await teardown();
    throw error;
  } finally {
    await admin.end();
  }
  project.provide('adminUrl', adminUrl.toString());
  project.provide('templateDatabase', TEMPLATE);
  project.provide('signingDir', signingDir);
  project.provide('serverLog', serverLog);
  return teardown;
}
