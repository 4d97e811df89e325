import type { Config } from '../config.js';
import { connect, type Db } from './connection.js';
import type { OpenDatabase } from './open.js';

/** The role the server runs as (migration 060): no DDL, and only INSERT and SELECT on the event log and audit trail. */
export const SERVER_ROLE = 'motcua_app';

export interface ServerConnection extends Db {
  url: string;
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

/**
 * The server's own connection, opened after the owner has migrated. Embedded: the server role gets its
 * generated password (kept in the data directory) and may log in from now on. External: DATABASE_URL is
 * the server's role as the operator created it, while DATABASE_OWNER_URL (when set) migrates.
 */
export async function openServerConnection(config: Config, owner: OpenDatabase): Promise<ServerConnection> {
  if (!owner.secrets) {
    const url = config.DATABASE_URL ?? owner.url;
    return { ...connect(url, config.DATABASE_POOL_SIZE), url };
  }
  const client = await owner.pool.connect();
  try {
    await client.query(
      `ALTER ROLE ${SERVER_ROLE} LOGIN PASSWORD ${client.escapeLiteral(owner.secrets.server)}`,
    );
  } finally {
    client.release();
  }
  const url = withCredentials(owner.url, SERVER_ROLE, owner.secrets.server);
  return { ...connect(url, config.DATABASE_POOL_SIZE), url };
}
