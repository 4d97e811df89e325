import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { preparesMarkedStatements } from './prepared.js';
import type { Database } from './schema.js';

// DATE columns are calendar days in Vietnam: keep them as 'YYYY-MM-DD' strings, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit in a JS number for every figure this system reports.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface Db {
  pool: pg.Pool;
  kysely: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A pool that survives the database going away: idle and busy connections that die emit 'error', which
 * would crash the process if nobody listened; here it only drops the connection, and the pool opens new ones
 * when the database is back. Connecting gives up after a few seconds, so requests answer 503 quickly.
 */
export function connect(
  url: string,
  max = 10,
  onConnectionError: (error: Error) => void = () => undefined,
): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'motcua',
    connectionTimeoutMillis: 3_000,
  });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => {
    client.on('error', onConnectionError);
    preparesMarkedStatements(client);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    pool,
    kysely,
    close: () => kysely.destroy(),
  };
}

export async function databaseAnswers(pool: pg.Pool, timeoutMs = 2000): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const probe = pool
    .query('SELECT 1')
    .then(() => true)
    .catch(() => false);
  return Promise.race([probe, timeout]);
}
