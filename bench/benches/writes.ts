import pg from 'pg';
import { runLoad } from '../lib/load.js';
import type { Http } from '../lib/server.js';
import { type BenchFixtures, benchApplicant } from './fixtures.js';

export const LIFECYCLE: { username: string; body: Record<string, unknown>; label: string }[] = [
  { username: 'receiver', body: { action: 'forward' }, label: 'forward to appraisal (front desk)' },
  { username: 'processor.stp', body: { action: 'forward' }, label: 'forward to approval (appraiser)' },
  { username: 'agency_head.stp', body: { action: 'approve' }, label: 'approve (agency head)' },
  { username: 'clerk.stp', body: { action: 'sign' }, label: 'sign the result, a signed PDF (clerk)' },
  { username: 'clerk.stp', body: { action: 'issue_result' }, label: 'issue the result (clerk)' },
  {
    username: 'receiver',
    body: { action: 'return_result', method: 'counter' },
    label: 'return the result (front desk)',
  },
];

/** A dossier written by an intake bench, at the version it was left at (the next stage acts on it). */
export interface Made {
  /** The dossier's code (HTTP side) or id (raw side). */
  ref: string;
  version: number;
}

function intakeBody(worker: number, f: BenchFixtures) {
  return { procedureCode: f.procedureCode, channel: 'counter', applicant: benchApplicant(worker) };
}

/**
 * Counter intake over HTTP: validation, routing, calendar, sequence, dossier, event, logbook, idempotency key.
 * With several servers (processes on one database), the clients are spread over them in turn.
 */
export function intakeHttp(
  servers: Http | Http[],
  tokens: Map<string, string>,
  f: BenchFixtures,
  concurrency: number,
  durationMs: number,
  made?: Made[],
) {
  const https = Array.isArray(servers) ? servers : [servers];
  const token = tokens.get('receiver') ?? '';
  return runLoad({ concurrency, durationMs }, async (worker, i) => {
    const http = https[worker % https.length] as Http;
    const dossier = await http.json<{ code: string; version: number }>(
      'POST',
      '/api/dossiers',
      token,
      intakeBody(worker, f),
      { 'idempotency-key': `bench-${process.pid}-${worker}-${i}-${Date.now()}` },
    );
    made?.push({ ref: dossier.code, version: dossier.version });
    return undefined;
  });
}

/**
 * The physical limit of the same legal work: gap-free daily serial and yearly logbook number, the dossier row
 * and its first event, in one statement — the fewest round trips PostgreSQL allows — sent by a dedicated
 * connection per client as a named prepared statement (parsed and planned once per connection).
 */
export function intakeRaw(
  databaseUrl: string,
  f: BenchFixtures,
  concurrency: number,
  durationMs: number,
  made?: Made[],
) {
  const day = new Date().toISOString().slice(0, 10);
  const prefix = `RAW-${day.replace(/-/g, '').slice(2)}-${process.pid}-`;
  const text = `WITH s AS (
      INSERT INTO dossier_sequences (agency_code, day, last_value) VALUES ('RAW.BENCH', $1::date, 1)
      ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1 RETURNING last_value),
    l AS (
      INSERT INTO logbook_sequences (agency_code, year, last_value) VALUES ('RAW.BENCH', extract(year FROM $1::date)::int, 1)
      ON CONFLICT (agency_code, year) DO UPDATE SET last_value = logbook_sequences.last_value + 1 RETURNING last_value),
    d AS (
      INSERT INTO dossiers (code, procedure_code, channel, status, national_status, receiving_agency, handling_agency,
        process_id, step_key, applicant, applicant_id_number, applicant_search, submitted_at, accepted_at, due_at,
        original_due_at, agencies_seen, procedure_version_id, logbook_number)
      SELECT $2 || lpad(s.last_value::text, greatest(4, length(s.last_value::text)), '0'), $3, 'counter', 'accepted', 2,
        $4, $5, $6, 'receive', $7::jsonb, $8, 'nguyen thi hong nhung', now(), now(), now(), now(), ARRAY[$4, $5]::text[],
        $9, (SELECT last_value FROM l)
      FROM s RETURNING id)
    INSERT INTO dossier_events (dossier_id, seq, action, actor_id, actor_role, actor_agency, agency_code, to_step,
      to_status, payload, at)
    SELECT d.id, 1, 'receive', $10, 'receiver', $4, $5, 'receive', 'accepted', $11::jsonb, now() FROM d
    RETURNING dossier_id`;
  const payload = JSON.stringify({
    channel: 'counter',
    receivingAgency: f.centre,
    handlingAgency: f.stp,
    processId: f.processId,
    procedureVersionId: f.procedureVersionId,
    stepDueAt: Date.now(),
    documents: [],
    dueAt: Date.now(),
  });
  return withClients(databaseUrl, concurrency, durationMs, async (client, worker) => {
    const applicant = benchApplicant(worker);
    const written = await client.query({
      name: 'raw-intake',
      text,
      values: [
        day,
        prefix,
        f.procedureCode,
        f.centre,
        f.stp,
        f.processId,
        applicant,
        applicant.idNumber,
        f.procedureVersionId,
        f.receiverId,
        payload,
      ],
    });
    made?.push({ ref: String(written.rows[0].dossier_id), version: 1 });
    return undefined;
  });
}

/** Runs a load where each client holds a connection of its own for the whole run (a native driver loop). */
async function withClients(
  databaseUrl: string,
  concurrency: number,
  durationMs: number,
  task: (client: pg.Client, worker: number) => Promise<number[] | undefined | null>,
) {
  const clients = Array.from({ length: concurrency }, () => new pg.Client({ connectionString: databaseUrl }));
  try {
    await Promise.all(clients.map((client) => client.connect()));
    return await runLoad({ concurrency, durationMs }, (worker) => task(clients[worker] as pg.Client, worker));
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
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

/**
 * The physical limit of an action: the version check, the projection and the event in one statement (the
 * client knows the version it saw), per client on its own connection, as a named prepared statement. Each
 * dossier is opened by the raw intake statement first; its latency counts as the first of the seven.
 */
export function lifecycleRaw(databaseUrl: string, f: BenchFixtures, concurrency: number, durationMs: number) {
  const open = `INSERT INTO dossiers (code, procedure_code, channel, status, national_status, receiving_agency,
      handling_agency, process_id, step_key, applicant, applicant_id_number, applicant_search, submitted_at,
      accepted_at, due_at, original_due_at, agencies_seen, procedure_version_id)
    VALUES ('RAWL-' || gen_random_uuid(), $1, 'counter', 'accepted', 2, $2, $3, $4, 'receive', $5::jsonb, $6,
      'nguyen thi hong nhung', now(), now(), now(), now(), ARRAY[$2, $3]::text[], $7) RETURNING id`;
  return withClients(databaseUrl, concurrency, durationMs, async (client, worker) => {
    const latencies: number[] = [];
    let before = performance.now();
    const applicant = benchApplicant(worker);
    const inserted = await client.query({
      name: 'raw-open',
      text: open,
      values: [
        f.procedureCode,
        f.centre,
        f.stp,
        f.processId,
        applicant,
        applicant.idNumber,
        f.procedureVersionId,
      ],
    });
    latencies.push(performance.now() - before);
    const id = inserted.rows[0].id;
    let version = 1;
    for (const step of RAW_STEPS) {
      before = performance.now();
      await rawAct(client, f, id, version, step);
      version++;
      latencies.push(performance.now() - before);
    }
    return latencies;
  });
}

/** The raw side of each LIFECYCLE step: the action, the step it leads to, the status after it. */
const RAW_STEPS: [string, string, string][] = [
  ['forward', 'appraise', 'processing'],
  ['forward', 'approve', 'processing'],
  ['approve', 'issue', 'processing'],
  ['sign', 'issue', 'processing'],
  ['issue_result', 'return', 'processed'],
  ['return_result', '', 'returned'],
];

const RAW_ACT = `WITH u AS (
    UPDATE dossiers SET step_key = nullif($2, ''), status = $3, version = version + 1, updated_at = now()
    WHERE id = $1 AND version = $4 RETURNING id, version)
  INSERT INTO dossier_events (dossier_id, seq, action, agency_code, to_step, to_status, payload, at)
  SELECT u.id, u.version, $5, $6, nullif($2, ''), $3, '{}', now() FROM u RETURNING seq`;

async function rawAct(client: pg.Client, f: BenchFixtures, id: string, version: number, step: string[]) {
  const [action, to, status] = step;
  const done = await client.query({
    name: 'raw-act',
    text: RAW_ACT,
    values: [id, to, status, version, action, f.stp],
  });
  if (done.rowCount !== 1) throw new Error('lost race');
}

/**
 * One life-cycle action alone: every client takes the next dossier waiting at that step (written by the
 * intake bench or the stage before) and acts on it, until the time is up or no dossier is left. What was
 * acted on goes to `after`, for the next stage.
 */
export function actionStageHttp(
  http: Http,
  tokens: Map<string, string>,
  stage: number,
  waiting: Made[],
  after: Made[],
  concurrency: number,
  durationMs: number,
) {
  const step = LIFECYCLE[stage];
  if (!step) throw new Error(`no life-cycle stage ${stage}`);
  const token = tokens.get(step.username) ?? '';
  return runLoad({ concurrency, durationMs }, async () => {
    const next = waiting.pop();
    if (!next) return null;
    const dossier = await http.json<{ code: string; version: number }>(
      'POST',
      `/api/dossiers/${next.ref}/actions`,
      token,
      { ...step.body, version: next.version },
    );
    after.push({ ref: dossier.code, version: dossier.version });
    return undefined;
  });
}

/** The raw twin of one stage: the same version check, projection and event statement as `lifecycleRaw`. */
export function actionStageRaw(
  databaseUrl: string,
  f: BenchFixtures,
  stage: number,
  waiting: Made[],
  after: Made[],
  concurrency: number,
  durationMs: number,
) {
  const step = RAW_STEPS[stage];
  if (!step) throw new Error(`no raw life-cycle stage ${stage}`);
  return withClients(databaseUrl, concurrency, durationMs, async (client) => {
    const next = waiting.pop();
    if (!next) return null;
    await rawAct(client, f, next.ref, next.version, step);
    after.push({ ref: next.ref, version: next.version + 1 });
    return undefined;
  });
}
