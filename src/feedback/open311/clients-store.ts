import { createHash, randomBytes } from 'node:crypto';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Open311Tables = {
  open311_clients: {
    id: Generated<number>;
    name: string;
    key_hash: string;
    active: Generated<boolean>;
    created_by: number | null;
    created_at: ColumnType<Date, never, never>;
  };
};

const own = (db: Kysely<Database>) => db.withTables<Open311Tables>();
const hash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new posting client: the key is returned once and kept only as its SHA-256. */
export async function createOpen311Client(db: Kysely<Database>, name: string, createdBy: number) {
  const key = randomBytes(24).toString('base64url');
  const row = await own(db)
    .insertInto('open311_clients')
    .values({ name, key_hash: hash(key), created_by: createdBy })
    .returning(['id', 'name', 'active', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, apiKey: key };
}

export async function listOpen311Clients(db: Kysely<Database>) {
  return own(db)
    .selectFrom('open311_clients')
    .select(['id', 'name', 'active', 'created_at'])
    .orderBy('id')
    .execute();
}

export async function revokeOpen311Client(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await own(db)
    .updateTable('open311_clients')
    .set({ active: false })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The active client holding this key, if any. */
export async function open311ClientByKey(db: Kysely<Database>, key: string) {
  return own(db)
    .selectFrom('open311_clients')
    .select(['id', 'name'])
    .where('key_hash', '=', hash(key))
    .where('active', '=', true)
    .executeTakeFirst();
}
