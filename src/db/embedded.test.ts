import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
