import type { FastifyInstance } from 'fastify';
import { type AuthSettings, DEFAULT_AUTH_SETTINGS } from '../src/auth/settings.js';
import { agencyClocks } from '../src/catalog/agency-clocks.js';
import { connect, type Db } from '../src/db/connection.js';
import { buildServer } from '../src/http/server.js';
import { testDatabaseUrl } from './file-database.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

const TEN_YEARS_HOURS = 10 * 366 * 24;

export interface TestClock {
  now: number;
}

/**
 * A test app; pass `clock` to control the instant the server sees (and so the date used for publications).
 * Every request comes from one address, so the per-address login limit is lifted unless `auth` sets it; and
 * tests move `clock` by days, so sessions outlive them unless `auth` sets idle and absolute ends.
 */
export async function testApp(
  options: { today?: string; clock?: TestClock; auth?: Partial<AuthSettings> } = {},
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
      logLevel: 'silent',
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
