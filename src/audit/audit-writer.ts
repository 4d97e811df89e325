import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuditEntry } from './model.js';
import { insertAuditEntries } from './store.js';

/** How long a read waits to be written with others, and how many make a batch on their own. */
const FLUSH_EVERY_MS = 250;
const BATCH = 200;

/**
 * Writes the audit trail off the request path. Reads are buffered and written in batches (one statement per
 * batch, not a round trip per read); a crash loses at most the last quarter second of reads. Changes are
 * written at once: a change to a dossier is in the event log too, but a change elsewhere (the catalogue,
 * the calendar) has only this trail.
 */
export class AuditWriter {
  private pending: AuditEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (error: Error) => void,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    if (entry.kind === 'change') {
      await insertAuditEntries(this.db, [entry]).catch(this.onError);
      return;
    }
    this.pending.push(entry);
    if (this.pending.length >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes what is buffered (the server calls it when closing; tests to read the trail at once). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => insertAuditEntries(this.db, batch).catch(this.onError));
    return this.flushing;
  }
}
