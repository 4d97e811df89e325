import type { Kysely } from 'kysely';
import type { ClockService } from '../calendar/clock-service.js';
import type { Database } from '../db/schema.js';

export interface RatingDeps {
  db: Kysely<Database>;
  clocks: ClockService;
  now(): number;
}
