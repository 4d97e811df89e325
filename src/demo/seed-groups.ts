import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { procedureGroupInputSchema } from '../catalog/model.js';
import { saveGroup } from '../catalog/save-group.js';
import type { Database } from '../db/schema.js';

/** The demo's groups of linked procedures (data/procedure-groups.json). */
export async function seedProcedureGroups(db: Kysely<Database>): Promise<void> {
  const groups = z
    .record(z.string(), procedureGroupInputSchema)
    .parse(JSON.parse(readFileSync(new URL('./data/procedure-groups.json', import.meta.url), 'utf8')));
  for (const [code, group] of Object.entries(groups)) await saveGroup(db, null, code, group);
}
