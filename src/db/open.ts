import pg from 'pg';
import type { Config } from '../config.js';
import { connect, type Db } from './connection.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface OpenDatabase extends Db {
  embedded: boolean;
  /** The connection URL, for other processes (e.g. a benchmark's server). */
  url: string;
  shutdown(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL wins and starts nothing. Otherwise the embedded PostgreSQL under the data directory is
 * used: reused when another motcua process already runs it, started (and later stopped) otherwise.
 */
export async function openDatabase(
  config: Config,
  notice: (line: string) => void = () => undefined,
): Promise<OpenDatabase> {
  if (config.DATABASE_URL) {
    const db = connect(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
    return { ...db, embedded: false, url: config.DATABASE_URL, shutdown: () => db.close() };
  }
  const url = `postgres://motcua:motcua@127.0.0.1:${config.MOTCUA_PG_PORT}/motcua`;
  if (await answers(url)) {
    const db = connect(url, config.DATABASE_POOL_SIZE);
    return { ...db, embedded: true, url, shutdown: () => db.close() };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.MOTCUA_PG_PORT,
    notice,
    supervise: true,
  });
  const db = connect(server.url, config.DATABASE_POOL_SIZE);
  return {
    ...db,
    embedded: true,
    url: server.url,
    shutdown: async () => {
      await db.close();
      await server.stop();
    },
  };
}
