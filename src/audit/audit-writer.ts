import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuditEntry } from './model.js';
import { insertAuditEntries } from './store.js';

/** How long a read waits to be written with others, and how many make a batch on their own. */
const FLUSH_EVERY_MS = 250;
const BATCH = 200;
/** Rows per INSERT: 8 parameters each, well under PostgreSQL's 65,535 per statement. */
const STATEMENT_ROWS = 1000;

/**
 * Writes the audit trail off the request path, one batch at a time per server process. The trail is chained
 * per day (migration 061), so its writers take turns on one lock held until commit; a statement per entry
 * would make every concurrent change queue on that lock, each holding a database connection meanwhile.
 *
 * Reads are buffered and written in batches; a crash loses at most the last quarter second of reads. A change
 * is written at once: its batch starts as soon as the batch in flight, if any, has committed, and carries
 * every change that arrived meanwhile (group commit), and `record` resolves when it is stored. A change to a
 * dossier is in the event log too, but a change elsewhere (the catalogue, the calendar) has only this trail.
 */
export class AuditWriter {
  private pending: AuditEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The batch written last (resolved once it is stored or its failure reported). */
  private flushing: Promise<void> = Promise.resolve();
  /** The batch that starts when the one in flight is done; entries arriving until then join it. */
  private queued: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (error: Error) => void,
  ) {}

  record(entry: AuditEntry): Promise<void> {
    this.pending.push(entry);
    if (entry.kind === 'change' || this.pending.length >= BATCH) return this.flush();
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    return Promise.resolve();
  }

  /** Writes what is buffered (the server calls it when closing; tests to read the trail at once). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.queued) {
      const write = async () => {
        if (this.queued === next) this.queued = null;
        const batch = this.pending;
        this.pending = [];
        // However much came while the last batch was in flight, each statement stays within PostgreSQL's
        // limit on parameters (eight per entry); the statements follow one another, so the chain stays in order.
        for (let start = 0; start < batch.length; start += STATEMENT_ROWS) {
          await insertAuditEntries(this.db, batch.slice(start, start + STATEMENT_ROWS)).catch((error) =>
            this.onError(error),
          );
        }
      };
      // Written after the batch before it, whether that one was stored or not.
      const next: Promise<void> = this.flushing.then(write, write);
      this.queued = next;
      this.flushing = next;
    }
    return this.queued;
  }
}
