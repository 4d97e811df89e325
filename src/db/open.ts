import pg from 'pg';
import type { Config } from '../config.js';
import { connect, type Db } from './connection.js';
import { type DatabaseSecrets, embeddedPostgres } from './embedded.js';

export interface OpenDatabase extends Db {
  embedded: boolean;
  /** The owner's connection URL, for other processes (e.g. a benchmark's server). */
  url: string;
  /** The embedded database's generated passwords (absent with an external database). */
  secrets?: DatabaseSecrets;
  shutdown(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  // A postmaster that dies between the answer and the goodbye sends a FATAL to an idle client, emitted as
  // 'error': without a listener that event would end the server (the question already has its answer).
  client.on('error', () => undefined);
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

/** How often the server checks that its embedded PostgreSQL is alive. */
const SUPERVISE_EVERY_MS = 1_000;

/**
 * DATABASE_URL wins and starts nothing (the operator's PostgreSQL has its own supervision). Otherwise the
 * embedded PostgreSQL under the data directory is used: reused when another motcua process already runs it,
 * started otherwise — and supervised either way: when it stops answering and no postmaster holds the
 * directory any more (killed, crashed), it is started again and recovers from its write-ahead log. Only the
 * process that started it stops it at shutdown.
 */
export async function openDatabase(
  config: Config,
  notice: (line: string) => void = () => undefined,
): Promise<OpenDatabase> {
  if (config.DATABASE_URL) {
    // Migrations and the command line run as the owner; without an owner URL, DATABASE_URL is both.
    const url = config.DATABASE_OWNER_URL ?? config.DATABASE_URL;
    const db = connect(url, config.DATABASE_POOL_SIZE);
    return { ...db, embedded: false, url, shutdown: () => db.close() };
  }
  const server = await embeddedPostgres({ dataDir: config.dataDir, port: config.MOTCUA_PG_PORT });
  const startedHere = !(await answers(server.url)) && (await server.ensureRunning());
  let owner = startedHere;
  let checking = false;
  const supervisor = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      if (!(await answers(server.url)) && (await server.ensureRunning())) {
        owner = true;
        notice('PostgreSQL nhúng đã dừng bất thường và được khởi động lại (khôi phục từ nhật ký WAL).');
      }
    } catch (error) {
      notice(
        `Chưa khởi động lại được PostgreSQL nhúng: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      checking = false;
    }
  }, SUPERVISE_EVERY_MS);
  supervisor.unref();
  const db = connect(server.url, config.DATABASE_POOL_SIZE);
  return {
    ...db,
    embedded: true,
    url: server.url,
    secrets: server.secrets,
    shutdown: async () => {
      clearInterval(supervisor);
      await db.close();
      if (owner) await server.stop();
    },
  };
}
