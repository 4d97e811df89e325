import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { IdentityProvider } from '../auth/identity/port.js';
import type { ClockService } from '../calendar/clock-service.js';
import type { Database } from '../db/schema.js';
import type { DocumentServices } from '../documents/services.js';
import type { PopulationRegistry } from '../integrations/population/port.js';

/** What the server is built from: the database and shared services (each route module takes the part it needs). */
export interface AppContext {
  db: Kysely<Database>;
  pool: pg.Pool;
  clocks: ClockService;
  /** Today's date in Vietnam (YYYY-MM-DD); injectable for tests of publication dates. */
  today(): string;
  /** The current instant (epoch ms); injectable so tests can move time forward. */
  now(): number;
  /** Public base URL, for links printed on forms (QR to public tracking). */
  publicUrl: string;
  /** The population database for pre-filling forms; absent or null when none is configured. */
  population?: PopulationRegistry | null;
  /** The bearer token of `GET /metrics`; absent or null keeps the endpoint off. */
  metricsToken?: string | null;
  /** The national identity provider for citizens' login (VNeID); absent or null when none is configured. */
  identity?: IdentityProvider | null;
  /** File store, scanner, signing and upload limits. */
  documents: DocumentServices;
}
