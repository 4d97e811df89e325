import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import { type BackoffOptions, retryDelayMs } from './backoff.js';
import type { ClaimedDelivery, DeliveryHandler, DeliveryOutcome } from './model.js';
import { type AttemptResult, claimDeliveries, finishAttempt } from './store.js';

export interface WorkerOptions {
  /** Deliveries leased at once (and carried concurrently). */
  batchSize: number;
  /** How long a lease lasts: a worker that dies mid-delivery is replaced after this. */
  leaseMs: number;
  /** After this many failed attempts a delivery is parked as a dead letter. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Polling interval when no notification arrives (notifications make it react at once). */
  pollMs: number;
  /** Connection string for LISTEN; without it the worker only polls. */
  listenUrl?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  batchSize: 16,
  leaseMs: 60_000,
  maxAttempts: 10,
  backoff: { baseMs: 2_000, maxMs: 15 * 60_000 },
  pollMs: 1_000,
};

const ERROR_TEXT_LIMIT = 2_000;
/** A receiver's "retry after" is honoured up to a day; a longer one is more likely a fault than a plan. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * Drains the outbox for the handlers it carries. Any number of workers on any number of server processes
 * may run at once: they lease deliveries with SKIP LOCKED, keep each stream in order, retry with exponential
 * backoff and park a delivery that keeps failing as a dead letter without holding up the others.
 */
export class OutboxWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private listener: pg.Client | null = null;
  /** When the next LISTEN may be tried (not more often than every few seconds while the database is away). */
  private nextListenAt = 0;
  private readonly options: WorkerOptions;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: Record<string, DeliveryHandler>,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking new work and waits for the deliveries in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Claims one batch and carries it; returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    const claimed = await claimDeliveries(
      this.db,
      Object.keys(this.handlers),
      this.options.batchSize,
      this.options.leaseMs,
    );
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const handler = this.handlers[delivery.handler];
    const startedAt = new Date();
    let outcome: DeliveryOutcome;
    try {
      outcome = handler
        ? await handler.deliver(delivery)
        : { ok: false, error: `no handler for ${delivery.handler}` };
    } catch (error) {
      outcome = { ok: false, error: (error as Error).message || String(error) };
    }
    const record = {
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      ok: outcome.ok,
      statusCode: outcome.statusCode ?? null,
      error: outcome.ok ? null : outcome.error.slice(0, ERROR_TEXT_LIMIT),
    };
    const result = this.nextStep(delivery, outcome);
    const kept = await finishAttempt(this.db, delivery, record, result);
    if (!outcome.ok)
      this.options.log?.('outbox delivery failed', {
        delivery: delivery.id,
        consumer: delivery.consumer,
        attempt: delivery.attempt,
        next: result.status,
        leaseKept: kept,
      });
  }

  private nextStep(delivery: ClaimedDelivery, outcome: DeliveryOutcome): AttemptResult {
    if (outcome.ok) return { status: 'delivered' };
    if (outcome.retryAfterMs !== undefined) {
      const wait = Math.min(Math.max(0, outcome.retryAfterMs), MAX_RETRY_AFTER_MS);
      return { status: 'retry', availableAt: new Date(Date.now() + wait), counted: false };
    }
    if (delivery.attempt >= this.options.maxAttempts) return { status: 'dead' };
    return {
      status: 'retry',
      availableAt: new Date(Date.now() + retryDelayMs(delivery.attempt, this.options.backoff)),
      counted: true,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      // A listener lost with the database (a restart, a failover) is opened again; meanwhile the poll carries on.
      if (this.options.listenUrl && !this.listener && Date.now() >= this.nextListenAt) await this.listen();
      let attempted = 0;
      try {
        attempted = await this.runOnce();
      } catch (error) {
        this.options.log?.('outbox worker could not claim deliveries', { error: (error as Error).message });
      }
      if (attempted === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    if (!this.options.listenUrl) return;
    const client = new pg.Client({
      connectionString: this.options.listenUrl,
      application_name: 'motcua-outbox',
    });
    client.on('error', () => {
      // A lost listener only costs latency: the poll carries on, and the next start listens again.
      this.listener = null;
    });
    client.on('notification', () => this.wake?.());
    try {
      await client.connect();
      await client.query('LISTEN motcua_outbox');
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
}
