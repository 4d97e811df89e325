import type pg from 'pg';
import { runLoad } from '../lib/load.js';
import type { Http } from '../lib/server.js';
import { type BenchFixtures, benchApplicant } from './fixtures.js';

const LIFECYCLE: { username: string; body: Record<string, unknown> }[] = [
  { username: 'receiver', body: { action: 'forward' } },
  { username: 'processor.stp', body: { action: 'forward' } },
  { username: 'agency_head.stp', body: { action: 'approve' } },
  { username: 'clerk.stp', body: { action: 'sign' } },
  { username: 'clerk.stp', body: { action: 'issue_result' } },
  { username: 'receiver', body: { action: 'return_result', method: 'counter' } },
];

function intakeBody(worker: number, f: BenchFixtures) {
  return { procedureCode: f.procedureCode, channel: 'counter', applicant: benchApplicant(worker) };
}

/** Counter intake over HTTP: validation, routing, calendar, sequence, dossier, event, logbook, idempotency key. */
export function intakeHttp(
  http: Http,
  tokens: Map<string, string>,
  f: BenchFixtures,
  concurrency: number,
  durationMs: number,
) {
  const token = tokens.get('receiver') ?? '';
  return runLoad({ concurrency, durationMs }, async (worker, i) => {
    await http.json('POST', '/api/dossiers', token, intakeBody(worker, f), {
      'idempotency-key': `bench-${process.pid}-${worker}-${i}-${Date.now()}`,
    });
    return undefined;
  });
}

/** The same database work in raw SQL: sequence upsert, dossier row, first event, one transaction each. */
export function intakeRaw(pool: pg.Pool, f: BenchFixtures, concurrency: number, durationMs: number) {
  const day = new Date().toISOString().slice(0, 10);
  return runLoad({ concurrency, durationMs }, async (worker) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const seq = await client.query(
        `INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1 RETURNING last_value`,
        ['RAW.BENCH', day],
      );
      const applicant = benchApplicant(worker);
      const inserted = await client.query(
        `INSERT INTO dossiers (code, procedure_code, channel, status, national_status, receiving_agency, handling_agency, process_id,
           step_key, applicant, applicant_id_number, applicant_search, submitted_at, accepted_at, due_at, original_due_at, agencies_seen,
           procedure_version_id)
         VALUES ($1, $2, 'counter', 'accepted', 2, $3, $4, $5, 'receive', $6, $7, 'nguyen thi hong nhung', now(), now(), now(), now(), $8, $9)
         RETURNING id`,
        [
          `RAW-${day}-${seq.rows[0].last_value}-${process.pid}`,
          f.procedureCode,
          f.centre,
          f.stp,
          f.processId,
          applicant,
          applicant.idNumber,
          [f.centre, f.stp],
          f.procedureVersionId,
        ],
      );
      await client.query(
        `INSERT INTO dossier_events (dossier_id, seq, action, actor_id, agency_code, to_step, to_status, payload, at)
         VALUES ($1, 1, 'receive', $2, $3, 'receive', 'accepted', '{}', now())`,
        [inserted.rows[0].id, f.receiverId, f.stp],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return undefined;
  });
}

/** A whole life cycle over HTTP: intake, then every step to the returned result; latencies are per action. */
export function lifecycleHttp(
  http: Http,
  tokens: Map<string, string>,
  f: BenchFixtures,
  concurrency: number,
  durationMs: number,
) {
  return runLoad({ concurrency, durationMs }, async (worker) => {
    const latencies: number[] = [];
    let before = performance.now();
    let dossier = await http.json<{ code: string; version: number }>(
      'POST',
      '/api/dossiers',
      tokens.get('receiver') ?? '',
      intakeBody(worker, f),
    );
    latencies.push(performance.now() - before);
    for (const step of LIFECYCLE) {
      before = performance.now();
      dossier = await http.json(
        'POST',
        `/api/dossiers/${dossier.code}/actions`,
        tokens.get(step.username) ?? '',
        {
          ...step.body,
          version: dossier.version,
        },
      );
      latencies.push(performance.now() - before);
    }
    return latencies;
  });
}

/** The same writes in raw SQL: intake, then per action a versioned projection update and an event, one transaction each. */
export function lifecycleRaw(pool: pg.Pool, f: BenchFixtures, concurrency: number, durationMs: number) {
  const steps = ['appraise', 'approve', 'issue', 'issue', 'return', null];
  return runLoad({ concurrency, durationMs }, async (worker) => {
    const latencies: number[] = [];
    const client = await pool.connect();
    try {
      let before = performance.now();
      await client.query('BEGIN');
      const applicant = benchApplicant(worker);
      const inserted = await client.query(
        `INSERT INTO dossiers (code, procedure_code, channel, status, national_status, receiving_agency, handling_agency, process_id,
           step_key, applicant, applicant_id_number, applicant_search, submitted_at, accepted_at, due_at, original_due_at, agencies_seen,
           procedure_version_id)
         VALUES ('RAWL-' || gen_random_uuid(), $1, 'counter', 'accepted', 2, $2, $3, $4, 'receive', $5, $6, 'nguyen thi hong nhung', now(), now(), now(), now(), $7, $8)
         RETURNING id`,
        [
          f.procedureCode,
          f.centre,
          f.stp,
          f.processId,
          applicant,
          applicant.idNumber,
          [f.centre, f.stp],
          f.procedureVersionId,
        ],
      );
      const id = inserted.rows[0].id;
      await client.query(
        `INSERT INTO dossier_events (dossier_id, seq, action, agency_code, to_step, to_status, payload, at) VALUES ($1, 1, 'receive', $2, 'receive', 'accepted', '{}', now())`,
        [id, f.stp],
      );
      await client.query('COMMIT');
      latencies.push(performance.now() - before);
      for (let i = 0; i < steps.length; i++) {
        before = performance.now();
        await client.query('BEGIN');
        const row = await client.query('SELECT version FROM dossiers WHERE id = $1', [id]);
        const version = row.rows[0].version as number;
        const updated = await client.query(
          "UPDATE dossiers SET step_key = $2, status = 'processing', version = version + 1, updated_at = now() WHERE id = $1 AND version = $3",
          [id, steps[i], version],
        );
        if (updated.rowCount !== 1) throw new Error('lost race');
        await client.query(
          `INSERT INTO dossier_events (dossier_id, seq, action, agency_code, to_step, to_status, payload, at) VALUES ($1, $2, 'forward', $3, $4, 'processing', '{}', now())`,
          [id, version + 1, f.stp, steps[i]],
        );
        await client.query('COMMIT');
        latencies.push(performance.now() - before);
      }
    } finally {
      client.release();
    }
    return latencies;
  });
}
