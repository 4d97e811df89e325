import { type Kysely, sql } from 'kysely';
import pg from 'pg';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connection.js';
import { preparedRows, preparesMarkedStatements } from '../src/db/prepared.js';
import { testDatabaseUrl } from './file-database.js';

/** The writer's marked statements are prepared once per connection, and prepared again when a table changes. */
describe('prepared statements', () => {
  let db: Db;
  let client: pg.PoolClient;
  const marked = '/* prepare probe_select */ SELECT * FROM prepared_probe WHERE a >= $1 ORDER BY a';
  const prepared = async () =>
    (await client.query('SELECT name FROM pg_prepared_statements ORDER BY prepare_time')).rows.map(
      (r) => r.name as string,
    );

  beforeAll(async () => {
    db = connect(await testDatabaseUrl(), 1);
    client = await db.pool.connect();
    await client.query('CREATE TEMP TABLE prepared_probe (a int)');
    await client.query('INSERT INTO prepared_probe VALUES (1), (2)');
  });
  afterAll(async () => {
    client.release();
    await db.close();
  });

  it('prepares a marked statement once on a connection, and leaves other queries unnamed', async () => {
    expect((await client.query(marked, [2])).rows).toEqual([{ a: 2 }]);
    expect((await client.query(marked, [1])).rows).toEqual([{ a: 1 }, { a: 2 }]);
    await client.query('SELECT * FROM prepared_probe WHERE a >= $1', [1]);
    const names = await prepared();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^probe_select_[0-9a-f]{12}_0$/);
  });

  it('prepares it again when a migration changed the table under it, retried at once outside a transaction', async () => {
    await client.query('ALTER TABLE prepared_probe ADD COLUMN b text');
    expect((await client.query(marked, [2])).rows).toEqual([{ a: 2, b: null }]);
    expect((await prepared()).at(-1)).toMatch(/_1$/);
  });

  it('inside a transaction, fails that statement and prepares it anew for the next call', async () => {
    await client.query('ALTER TABLE prepared_probe ADD COLUMN c text');
    await client.query('BEGIN');
    await expect(client.query(marked, [1])).rejects.toThrow(/cached plan/);
    await client.query('ROLLBACK');
    expect((await client.query(marked, [1])).rows).toEqual([
      { a: 1, b: null, c: null },
      { a: 2, b: null, c: null },
    ]);
  });

  it('knows a rollback to a savepoint leaves the transaction open (no retry there either)', async () => {
    await client.query('ALTER TABLE prepared_probe ADD COLUMN d text');
    await client.query('BEGIN');
    await client.query('SAVEPOINT probe');
    await client.query('ROLLBACK TO SAVEPOINT probe');
    // Retried inside the failed transaction, the error would be "current transaction is aborted" instead.
    await expect(client.query(marked, [2])).rejects.toThrow(/cached plan/);
    await client.query('ROLLBACK');
    expect((await client.query(marked, [2])).rows).toEqual([{ a: 2, b: null, c: null, d: null }]);
  });
});

describe('queries built with Kysely, run as prepared statements', () => {
  let db: Db;
  beforeAll(async () => {
    db = connect(await testDatabaseUrl(), 1);
  });
  afterAll(() => db.close());

  /** The system catalogue the probes read, typed for Kysely. */
  const catalogue = () => db.kysely as unknown as Kysely<{ pg_type: { typname: string } }>;

  it('prepares each shape of a built query once on the connection, under the given name', async () => {
    const byName = (name: string) =>
      catalogue().selectFrom('pg_type').select('typname').where('typname', '=', name);
    expect(await preparedRows(db.kysely, 'probe_types', byName('int4'))).toEqual([{ typname: 'int4' }]);
    expect(await preparedRows(db.kysely, 'probe_types', byName('text'))).toEqual([{ typname: 'text' }]);
    // Another shape under the same name is another statement.
    await preparedRows(db.kysely, 'probe_types', byName('bool').orderBy('typname'));
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM pg_prepared_statements WHERE name LIKE 'probe_types%'`.execute(db.kysely);
    expect(rows).toHaveLength(2);
    for (const { name } of rows) expect(name).toMatch(/^probe_types_[0-9a-f]{12}_0$/);
  });

  it('refuses a name that is not a plain statement name', async () => {
    await expect(
      preparedRows(
        db.kysely,
        'x */ DROP TABLE users; /*',
        catalogue().selectFrom('pg_type').select('typname'),
      ),
    ).rejects.toThrow(/not a statement name/);
  });
});

describe('prepared statements kept per connection', () => {
  it('keeps at most the bound, and runs the statements beyond it unnamed', async () => {
    const client = new pg.Client({ connectionString: await testDatabaseUrl() });
    await client.connect();
    try {
      preparesMarkedStatements(client, 2);
      const shapes = ['typname', 'oid::text AS typname', 'lower(typname) AS typname'];
      for (const select of shapes)
        expect(
          (await client.query(`/* prepare probe_bound */ SELECT ${select} FROM pg_type WHERE oid = $1`, [23]))
            .rows,
        ).toHaveLength(1);
      // The third shape still answered, and the first two are still served from their statements.
      expect(
        (
          await client.query(
            `/* prepare probe_bound */ SELECT ${shapes[0]} FROM pg_type WHERE oid = $1`,
            [25],
          )
        ).rows,
      ).toEqual([{ typname: 'text' }]);
      const kept = await client.query(
        "SELECT name FROM pg_prepared_statements WHERE name LIKE 'probe_bound%'",
      );
      expect(kept.rows).toHaveLength(2);
    } finally {
      await client.end();
    }
  });
});
