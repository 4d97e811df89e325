import type { Kysely } from 'kysely';
import type { ClockService } from '../calendar/clock-service.js';
import type { Database } from '../db/schema.js';

/** What the feedback use cases need from the server. */
export interface FeedbackDeps {
  db: Kysely<Database>;
  clocks: ClockService;
  /** The current instant (epoch ms); tests move it. */
  now(): number;
}
