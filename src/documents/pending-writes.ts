import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Write = (db: Kysely<Database>) => Promise<unknown>;

/**
 * The rows a prepared document needs (its stored-file row, its verification record), held back until the
 * transaction of the event that names them. Rendering, stamping and signing run before it, on no connection:
 * a burst of signatures then never holds the pool's connections through seconds of CPU work. The bytes are
 * already in the file store by then, addressed by their hash; an event that is not written leaves only an
 * unreferenced blob, never a row.
 */
export class PendingWrites {
  private readonly writes: Write[] = [];

  add(write: Write): void {
    this.writes.push(write);
  }

  async writeAll(db: Kysely<Database>): Promise<void> {
    for (const write of this.writes) await write(db);
  }
}
