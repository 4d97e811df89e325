import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** This module's table (migration 021): the log of lookups, which never holds whom they were about. */
type PopulationTables = {
  population_lookups: {
    id: Generated<number>;
    request_id: string;
    purpose: string;
    actor_id: number | null;
    outcome: string;
    duration_ms: number;
    at: ColumnType<Date, Date, never>;
  };
};

const own = (db: Kysely<Database>) => db.withTables<PopulationTables>();

export async function logLookup(
  db: Kysely<Database>,
  entry: {
    requestId: string;
    purpose: string;
    actorId: number | null;
    outcome: string;
    durationMs: number;
    at: Date;
  },
): Promise<void> {
  await own(db)
    .insertInto('population_lookups')
    .values({
      request_id: entry.requestId,
      purpose: entry.purpose,
      actor_id: entry.actorId,
      outcome: entry.outcome,
      duration_ms: entry.durationMs,
      at: entry.at,
    })
    .execute();
}

export async function lookupLog(db: Kysely<Database>, requestId: string) {
  return own(db)
    .selectFrom('population_lookups')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}
