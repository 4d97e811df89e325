/** A fact other systems may need to hear about, written in the same transaction as the change itself. */
export interface OutboxMessage {
  /** What the message is about (e.g. "dossier"); consumers subscribe to a topic. */
  topic: string;
  /** What happened (e.g. the dossier event's action); consumers may filter on it. */
  kind: string;
  /** Messages of one stream (a dossier) reach each consumer in the order they were written. */
  stream: string;
  payload: Record<string, unknown>;
}

/** One delivery of one message to one consumer, leased to a worker for one attempt. */
export interface ClaimedDelivery {
  id: number;
  messageId: number;
  consumer: string;
  handler: string;
  topic: string;
  kind: string;
  stream: string;
  payload: Record<string, unknown>;
  /** This attempt's number, from 1. */
  attempt: number;
  /** Stable across retries of this delivery: a receiver that saw it already must not apply it twice. */
  idempotencyKey: string;
  createdAt: Date;
  leaseToken: string;
}

export type DeliveryOutcome =
  | { ok: true; statusCode?: number }
  | {
      ok: false;
      statusCode?: number;
      error: string;
      /**
       * The receiver is limiting our rate (HTTP 429 with Retry-After): the next attempt waits this long
       * instead of the backoff, and this attempt does not count towards the dead-letter limit — being told
       * to wait says nothing about the message.
       */
      retryAfterMs?: number;
    };

/** An adapter that carries deliveries of one kind of consumer (webhooks, the national portal, e-mail…). */
export interface DeliveryHandler {
  deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome>;
}
