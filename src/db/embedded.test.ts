import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/ports.js';
import { embeddedPostgres } from './embedded.js';

describe('embedded PostgreSQL that cannot start', () => {
  let dir: string;
  let squatter: Server;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'motcua-embedded-'));
    await chmod(dir, 0o755);
    // Something else holds the port, as the old postmaster's backends hold its shared memory after a kill -9:
    // PostgreSQL logs why and exits.
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => squatter.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects with an Error that carries PostgreSQL’s own reason, and can be asked again', async () => {
    const database = await embeddedPostgres({ dataDir: dir, port });
    const first = await database.ensureRunning().then(
      () => null,
      (error: unknown) => error,
    );
    expect(first).toBeInstanceOf(Error);
    expect((first as Error).message).toMatch(/^PostgreSQL exited while starting: .*could not (bind|create)/s);
    // Nothing stays stuck "starting": the next attempt runs PostgreSQL again and fails the same clear way.
    await expect(database.ensureRunning()).rejects.toThrow(/Address already in use|could not create/);
  }, 120_000);
});

describe('embedded PostgreSQL in a data directory something else made private', () => {
  // Only root runs the cluster as another user (`postgres`), which must pass through the data directory.
  it.skipIf(userInfo().uid !== 0)(
    'starts, having let the cluster’s user through (and no further)',
    async () => {
      const parent = await mkdtemp(path.join(tmpdir(), 'motcua-embedded-private-'));
      await chmod(parent, 0o755);
      const dir = path.join(parent, 'data');
      // As the signing keys' folder leaves it when it is made first.
      await mkdir(path.join(dir, 'signing'), { recursive: true, mode: 0o700 });
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      const database = await embeddedPostgres({ dataDir: dir, port: await freePort() });
      try {
        await database.ensureRunning();
        expect((await stat(dir)).mode & 0o777).toBe(0o711);
        expect((await stat(path.join(dir, 'signing'))).mode & 0o777).toBe(0o700);
      } finally {
        await database.stop();
        await rm(parent, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
