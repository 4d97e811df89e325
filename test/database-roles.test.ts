import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connection.js';
import { SERVER_ROLE } from '../src/db/server-role.js';
import { verifyDossiers } from '../src/dossiers/verify.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { testDatabaseUrl } from './file-database.js';
import { type TestApp, testApp } from './helpers.js';

/** Issue 15, "tried as an attacker would" — the database: the server's role and the hash chain. */
describe('database roles and the event log hash chain', () => {
  let t: TestApp;
  let server: Db;
  let code: string;

  async function refusal(db: Db, statement: string): Promise<string | undefined> {
    try {
      await db.pool.query(statement);
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  }

  beforeAll(async () => {
    t = await testApp();
    const desk = new Desk(t.app);
    code = (
      await desk.intake('receiver', { procedureCode: '3.000333', channel: 'counter', applicant: applicant() })
    ).json().code;
    await desk.ok('receiver', code, { action: 'forward' });
    // The server's role as src/db/server-role.ts enables it for the embedded database.
    await t.db.pool.query(`ALTER ROLE ${SERVER_ROLE} LOGIN PASSWORD 'test-only'`);
    const url = new URL(await testDatabaseUrl());
    url.username = SERVER_ROLE;
    url.password = 'test-only';
    server = connect(url.toString(), 2);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it("refuses UPDATE, DELETE and TRUNCATE of the event log to the server's role, which may still insert and read", async () => {
    const id = `(SELECT id FROM dossiers WHERE code = '${code}')`;
    // 42501: insufficient privilege — refused by the grants, before any trigger.
    expect(await refusal(server, `UPDATE dossier_events SET actor_id = NULL WHERE dossier_id = ${id}`)).toBe(
      '42501',
    );
    expect(await refusal(server, `DELETE FROM dossier_events WHERE dossier_id = ${id}`)).toBe('42501');
    expect(await refusal(server, 'TRUNCATE dossier_events CASCADE')).toBe('42501');
    expect(await refusal(server, 'SET session_replication_role = replica')).toBe('42501');
    expect(await refusal(server, 'ALTER TABLE dossier_events DISABLE TRIGGER ALL')).toBe('42501');
    expect(await refusal(server, 'DROP TABLE dossier_events')).toBe('42501');
    expect(await refusal(server, 'UPDATE audit_trail SET purpose = purpose')).toBe('42501');
    expect(await refusal(server, 'DELETE FROM audit_trail')).toBe('42501');
    expect(await refusal(server, 'TRUNCATE audit_trail')).toBe('42501');
    const read = await server.pool.query(
      `SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = ${id}`,
    );
    expect(read.rows[0].n).toBe(2);
    // Even the owner cannot TRUNCATE it while the trigger stands (an UPDATE or DELETE was refused before).
    expect(await refusal(t.db, 'TRUNCATE dossier_events CASCADE')).toBe('P0001');
  });

  it('verify finds an event edited, deleted or reordered by the owner even with the projection edited to match', async () => {
    const clean = await verifyDossiers(t.db.kysely);
    expect(clean.differences.filter((d) => d.field === 'chain')).toEqual([]);

    const other = (
      await new Desk(t.app).intake('receiver', {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: applicant(),
      })
    ).json().code as string;
    await new Desk(t.app).ok('receiver', other, { action: 'forward' });

    // As the owner (a superuser here, as in the embedded cluster): triggers off, the actor and the time changed.
    const ids = sql`(SELECT id FROM dossiers WHERE code IN (${code}, ${other}))`;
    const saved = await sql<{ events: unknown; dossier: unknown }>`
      SELECT (SELECT json_agg(e) FROM dossier_events e WHERE dossier_id IN ${ids}) AS events,
             (SELECT submitted_at FROM dossiers WHERE code = ${code}) AS dossier`.execute(t.db.kysely);
    await t.db.kysely.connection().execute(async (db) => {
      await sql`SET session_replication_role = replica`.execute(db);
      await sql`UPDATE dossier_events SET actor_id = NULL, at = at - interval '2 days'
                 WHERE seq = 1 AND dossier_id = (SELECT id FROM dossiers WHERE code = ${code})`.execute(db);
      await sql`UPDATE dossiers SET submitted_at = submitted_at - interval '2 days' WHERE code = ${code}`.execute(
        db,
      );
      // The other dossier loses its first event and the second is renumbered to take its place.
      const otherId = sql`(SELECT id FROM dossiers WHERE code = ${other})`;
      await sql`DELETE FROM dossier_events WHERE seq = 1 AND dossier_id = ${otherId}`.execute(db);
      await sql`UPDATE dossier_events SET seq = 1 WHERE seq = 2 AND dossier_id = ${otherId}`.execute(db);
      await sql`SET session_replication_role = origin`.execute(db);
    });

    const report = await verifyDossiers(t.db.kysely);
    const chain = report.differences.filter((d) => d.field === 'chain');
    expect(chain).toContainEqual({ code, field: 'chain', projection: 'edited', events: 1 });
    expect(chain).toContainEqual({ code: other, field: 'chain', projection: 'edited', events: 1 });

    // Put the rows back as they were, so the file's closing check of every dossier passes.
    const before = saved.rows[0];
    await t.db.kysely.connection().execute(async (db) => {
      await sql`SET session_replication_role = replica`.execute(db);
      await sql`DELETE FROM dossier_events WHERE dossier_id IN ${ids}`.execute(db);
      await sql`INSERT INTO dossier_events
                SELECT * FROM json_populate_recordset(NULL::dossier_events, ${JSON.stringify(before?.events)})`.execute(
        db,
      );
      await sql`UPDATE dossiers SET submitted_at = ${before?.dossier} WHERE code = ${code}`.execute(db);
      await sql`SET session_replication_role = origin`.execute(db);
    });
    const restored = await verifyDossiers(t.db.kysely);
    expect(restored.differences).toEqual([]);
  });
});
