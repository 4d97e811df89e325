import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { connect } from '../src/db/connection.js';
import { verifyDossiers } from '../src/dossiers/verify.js';

/**
 * Each test file gets its own database, copied from the migrated and seeded template on first use, so no
 * test depends on what another file wrote. When the file ends, every dossier it made must fold from its
 * events to its projection (`verify dossiers`), then the database is dropped.
 */
let url: Promise<string> | null = null;
let name: string | null = null;

function adminQuery(text: string): Promise<unknown> {
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  return admin
    .connect()
    .then(() => admin.query(text))
    .finally(() => admin.end());
}

export function testDatabaseUrl(): Promise<string> {
  url ??= (async () => {
    name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
    const target = new URL(inject('adminUrl'));
    target.pathname = `/${name}`;
    return target.toString();
  })();
  return url;
}

afterAll(async () => {
  if (!url || !name) return;
  const check = connect(await url, 2);
  try {
    const report = await verifyDossiers(check.kysely);
    if (report.differences.length > 0)
      throw new Error(
        `verify dossiers: ${report.differences.length} differences: ${JSON.stringify(report.differences.slice(0, 5))}`,
      );
  } finally {
    await check.close();
    await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`);
  }
});
