import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
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
    const server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
    url = server.url;
    teardown = async () => {
      await server.stop();
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
  return teardown;
}
