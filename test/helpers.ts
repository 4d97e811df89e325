import { openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, inject } from 'vitest';
import type { IdentityProvider } from '../src/auth/identity/port.js';
import { type AuthSettings, DEFAULT_AUTH_SETTINGS } from '../src/auth/settings.js';
import { agencyClocks } from '../src/catalog/agency-clocks.js';
import { loadConfig } from '../src/config.js';
import { connect, type Db } from '../src/db/connection.js';
import { notScanned } from '../src/documents/scanning/scanner.js';
import type { DocumentServices } from '../src/documents/services.js';
import { demoPkiPaths, issueDemoAgencyKey } from '../src/documents/signing/demo-pki.js';
import { localKeySigning } from '../src/documents/signing/local-key-signing.js';
import { localFileStore } from '../src/documents/storage/local-file-store.js';
import { readTrustedRoots, uploadLimits } from '../src/documents/wiring.js';
import type { DossierDeps } from '../src/dossiers/intake.js';
import type { SecurityOptions } from '../src/http/security.js';
import { buildServer } from '../src/http/server.js';
import type { PopulationRegistry } from '../src/integrations/population/port.js';
import { testDatabaseUrl } from './file-database.js';

let filesDir: Promise<string> | null = null;

/** This test file's own file store directory, removed when the file ends. */
export function testFilesDir(): Promise<string> {
  filesDir ??= mkdtemp(path.join(tmpdir(), 'motcua-files-'));
  return filesDir;
}

afterAll(async () => {
  if (filesDir) await rm(await filesDir, { recursive: true, force: true });
});

/**
 * The documents services of a test app: files in the test file's own directory, no virus scanner (files are
 * marked "not scanned"), the default limits unless overridden, and the demo CA the global setup seeded, which
 * issues a key to any agency the first time it signs.
 */
export async function testDocuments(
  publicUrl: string,
  overrides: Partial<DocumentServices> = {},
): Promise<DocumentServices> {
  const pki = demoPkiPaths(inject('signingDir'));
  return {
    files: localFileStore(await testFilesDir()),
    scanner: notScanned,
    limits: uploadLimits(loadConfig({})),
    signing: localKeySigning({
      dir: pki.agencies,
      issueMissing: (agency) => issueDemoAgencyKey(pki, agency),
    }),
    timestamp: null,
    trustedRoots: await readTrustedRoots(pki.trustedRoots),
    publicUrl,
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** What the server's use cases run with (the same database, clock and documents), for jobs a test drives. */
  deps: DossierDeps;
  close(): Promise<void>;
}

const TEN_YEARS_HOURS = 10 * 366 * 24;

export interface TestClock {
  now: number;
}

/**
 * Test files send far more writes from one address than a person could; the rate limits are raised unless a
 * test asks for its own (`security`).
 */
const TEST_LIMITS: Partial<SecurityOptions> = { writesPerMinute: 1_000_000, trackingPerMinute: 1_000_000 };

/**
 * A test app; pass `clock` to control the instant the server sees (and so the date used for publications).
 * Every request comes from one address, so the per-address login limit is lifted unless `auth` sets it; and
 * tests move `clock` by days, so sessions outlive them unless `auth` sets idle and absolute ends.
 */
export async function testApp(
  options: {
    today?: string;
    clock?: TestClock;
    population?: PopulationRegistry;
    metricsToken?: string;
    documents?: Partial<DocumentServices>;
    security?: Partial<SecurityOptions>;
    trustProxy?: boolean;
    /** Captures the server's log at level info (silent otherwise). */
    log?: { write(line: string): void };
    auth?: Partial<AuthSettings>;
    /** The national identity provider citizens sign in with (none unless given). */
    identity?: IdentityProvider;
  } = {},
): Promise<TestApp> {
  const db = connect(await testDatabaseUrl(), 10);
  const now = () => options.clock?.now ?? Date.now();
  const today = () => options.today ?? new Date(now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const deps: DossierDeps = {
    db: db.kysely,
    clocks: agencyClocks(db.kysely),
    today,
    now,
    documents: await testDocuments('https://dichvucong.cantho.example', options.documents),
  };
  const app = await buildServer(
    {
      db: db.kysely,
      pool: db.pool,
      clocks: deps.clocks,
      today,
      now,
      publicUrl: 'https://dichvucong.cantho.example',
      population: options.population ?? null,
      metricsToken: options.metricsToken ?? null,
      documents: deps.documents,
      identity: options.identity ?? null,
    },
    {
      // Every server of the run logs to one file, which the global teardown scans for personal data.
      logLevel: 'info',
      logStream: options.log ?? runLog(),
      security: { ...TEST_LIMITS, ...options.security },
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
      auth: {
        ...DEFAULT_AUTH_SETTINGS,
        loginPerIpPerMinute: 100_000,
        sessionIdleMinutes: TEN_YEARS_HOURS * 60,
        sessionAbsoluteHours: TEN_YEARS_HOURS,
        ...options.auth,
      },
    },
  );
  return {
    app,
    db,
    deps,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

let runLogFd: number | null = null;

/** The run's server log (test/global-setup.ts), appended to synchronously so no line is lost at exit. */
function runLog(): { write(line: string): void } {
  runLogFd ??= openSync(inject('serverLog'), 'a');
  const fd = runLogFd;
  return { write: (line) => writeSync(fd, line) };
}

export async function tokenFor(app: FastifyInstance, username: string, password = 'demo'): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
  return response.json<{ token: string }>().token;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
