import type { Kysely } from 'kysely';
import { ClockService } from '../calendar/clock-service.js';
import type { Database } from '../db/schema.js';
import { agencyOfficeHours } from './agency-store.js';

/** The clock service of the deployment: the working calendar with each agency's office hours from the catalogue. */
export function agencyClocks(db: Kysely<Database>): ClockService {
  return new ClockService(db, agencyOfficeHours);
}
