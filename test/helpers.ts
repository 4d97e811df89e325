import type { FastifyInstance } from 'fastify';
import { agencyClocks } from '../src/catalog/agency-clocks.js';
import { connect, type Db } from '../src/db/connection.js';
import type { SecurityOptions } from '../src/http/security.js';
import { buildServer } from '../src/http/server.js';
import { testDatabaseUrl } from './file-database.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

export interface TestClock {
  now: number;
}

/**
 * Test files send far more writes from one address than a person could; the rate limits are raised unless a
 * test asks for its own (`security`).
 */
const TEST_LIMITS: Partial<SecurityOptions> = { writesPerMinute: 1_000_000, trackingPerMinute: 1_000_000 };

/** A test app; pass `clock` to control the instant the server sees (and so the date used for publications). */
export async function testApp(
  options: {
    today?: string;
    clock?: TestClock;
    security?: Partial<SecurityOptions>;
    trustProxy?: boolean;
    /** Captures the server's log at level info (silent otherwise). */
    log?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const db = connect(await testDatabaseUrl(), 10);
  const now = () => options.clock?.now ?? Date.now();
  const today = () => options.today ?? new Date(now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const app = await buildServer(
    {
      db: db.kysely,
      pool: db.pool,
      clocks: agencyClocks(db.kysely),
      today,
      now,
      publicUrl: 'https://dichvucong.cantho.example',
    },
    {
      logLevel: options.log ? 'info' : 'silent',
      ...(options.log ? { logStream: options.log } : {}),
      security: { ...TEST_LIMITS, ...options.security },
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    },
  );
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
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
