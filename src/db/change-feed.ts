import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** The channel on which server processes tell each other that something they may hold in memory changed. */
const CHANNEL = 'motcua_changes';

/** What changed: a topic (e.g. "session", "catalog") and, optionally, which item. */
export interface Change {
  topic: string;
  key: string | null;
}

/**
 * Announces a change to every server process, delivered when the caller's transaction commits (NOTIFY is
 * transactional): a cache is never told about a change that was rolled back.
 */
export async function announceChange(
  db: Kysely<Database>,
  topic: string,
  key: string | null = null,
): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${key === null ? topic : `${topic}:${key}`})`.execute(db);
}

/**
 * Listens for announced changes on one dedicated connection. When that connection is lost, every listener is
 * told that anything may have changed (`topic: '*'`) — notifications sent meanwhile are gone — and the feed
 * connects again.
 */
export class ChangeFeed {
  private client: pg.Client | null = null;
  private readonly listeners: ((change: Change) => void)[] = [];
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly config: pg.ClientConfig) {}

  onChange(listener: (change: Change) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      ...this.config,
      application_name: 'motcua-changes',
      connectionTimeoutMillis: 3_000,
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.emit({ topic: '*', key: null });
      this.retry = setTimeout(() => void this.connect(), 1_000);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      const at = payload.indexOf(':');
      this.emit(
        at < 0 ? { topic: payload, key: null } : { topic: payload.slice(0, at), key: payload.slice(at + 1) },
      );
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      // Whatever changed while nobody listened is unknown: start afresh.
      this.emit({ topic: '*', key: null });
    } catch {
      await client.end().catch(() => undefined);
      if (!this.stopped) {
        this.retry = setTimeout(() => void this.connect(), 1_000);
        this.retry.unref();
      }
    }
  }
}
