import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { hashPassword } from '../auth/passwords.js';
import type { Role } from '../auth/roles.js';
import { dayFromYmd, instantAt, isoFromDay, localDay, yearOfDay } from '../calendar/dates.js';
import type { Clock } from '../calendar/deadline.js';
import type { TimeLimit } from '../calendar/time-limit.js';
import { limitAsWorkingMs } from '../calendar/time-limit.js';
import type { Database } from '../db/schema.js';
import { genericProcess } from '../demo/processes.js';
import { dossierCode } from '../dossiers/dossier-code.js';
import type { DossierEvent, EventAction, PayloadOf } from '../dossiers/events.js';
import { type Channel, NATIONAL_STATUS } from '../dossiers/model.js';
import { foldEvents } from '../dossiers/state.js';
import { EVENT_COLUMNS, eventValues } from '../dossiers/store.js';
import { timingFor } from '../dossiers/timing.js';
import { foldForSearch } from '../shared/text.js';
import type { Step } from '../workflow/model.js';
import { copyRows } from './copy.js';
import { Random, sampleZipf, zipfTable } from './random.js';

export interface GenerateOptions {
  dossiers: number;
  seed: number;
  procedures: number;
  citizens: number;
  /** The last day dossiers may be received on (ISO date). */
  until: string;
  onProgress?: (phase: string, done: number, total: number) => void;
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Hồng', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Gia', 'Hoàng', 'Thu', 'Đức', 'Kim'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Nhung',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];

interface ProcedureInfo {
  code: string;
  versionId: number;
  levels: string[];
  handling: string | null;
  limit: TimeLimit;
  processId: number;
  steps: Step[];
}

const BATCH = 5_000;

/** Procedures derived from the real ones (code suffix .Gn), each with a published generic process. */
async function deriveProcedures(db: Kysely<Database>, count: number): Promise<void> {
  const existing = await db
    .selectFrom('procedures')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const missing = count - existing.n;
  if (missing <= 0) return;
  const base = await db
    .selectFrom('procedures')
    .selectAll()
    .where('code', 'not like', '%.G%')
    .orderBy('code')
    .execute();
  const rows = Array.from({ length: missing }, (_, i) => {
    const source = base[i % base.length] as (typeof base)[number];
    const variant = existing.n + i;
    return {
      code: `${source.code}.G${variant}`,
      name: `${source.name} (phương án ${variant})`,
      field_code: source.field_code,
      levels: source.levels,
      agency_kinds: source.agency_kinds,
      competent_agency_text: source.competent_agency_text,
      ministry: source.ministry,
      time_limit: JSON.stringify(source.time_limit),
      fees: JSON.stringify(source.fees),
      documents: JSON.stringify(source.documents),
      legal_basis: source.legal_basis,
      online_level: source.online_level,
      channels: source.channels,
      result_type: source.result_type,
      received_at_centre: source.received_at_centre,
      internal: source.internal,
      source_url: source.source_url,
      handling_agency_code: source.handling_agency_code,
      search_text: foldForSearch(`${source.code}.G${variant} ${source.name} phuong an ${variant}`),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.insertInto('procedures').values(chunk).execute();
    // Each derived procedure gets its first content version, as the catalogue's own writer would make.
    await sql`
      WITH v AS (
        INSERT INTO procedure_versions (procedure_code, version, content, note)
        SELECT p.code, 1, jsonb_build_object(
                 'name', p.name, 'field', f.name, 'timeLimit', p.time_limit, 'fees', p.fees,
                 'documents', p.documents, 'legalBasis', p.legal_basis, 'onlineLevel', p.online_level,
                 'channels', to_jsonb(p.channels), 'resultType', p.result_type),
               'Dữ liệu tổng hợp'
        FROM procedures p JOIN fields f ON f.code = p.field_code
        WHERE p.code IN (${sql.join(chunk.map((p) => p.code))})
        RETURNING id, procedure_code)
      UPDATE procedures p SET version_id = v.id FROM v WHERE v.procedure_code = p.code`.execute(db);
    await db
      .insertInto('procedure_publications')
      .values(
        chunk.map((p) => ({
          procedure_code: p.code,
          kind: 'publish' as const,
          decision_number: 'GEN-01/QĐ-UBND',
          decision_date: '2023-12-20',
          effective_date: '2024-01-01',
        })),
      )
      .execute();
    await db
      .insertInto('processes')
      .values(
        chunk.map((p) => {
          const limit = JSON.parse(p.time_limit) as TimeLimit;
          const days =
            limit.value && limit.unit !== 'working_hours' && limit.unit !== 'unspecified'
              ? Math.max(limit.value, 0.1)
              : 5;
          return {
            procedure_code: p.code,
            agency_code: null,
            version: 1,
            status: 'published' as const,
            decision_number: 'GEN-02/QĐ-UBND',
            effective_date: '2024-01-01',
            hours_per_day: null,
            steps: JSON.stringify(genericProcess(limit.unit === 'same_day' ? 1 : days).steps),
            published_at: new Date(),
          };
        }),
      )
      .execute();
  }
}

/** Officers in every unit and a population of citizens, all with one password hash (computed once). */
async function generatePeople(db: Kysely<Database>, citizens: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const units = await db.selectFrom('units').select(['id', 'agency_code', 'code']).orderBy('id').execute();
  const officerRows = units.flatMap((unit) =>
    (['processor', 'unit_head'] as const).map((role) => ({
      username: `g${unit.id}.${role}`,
      full_name: `${role === 'processor' ? 'Chuyên viên' : 'Lãnh đạo phòng'} ${unit.code}`,
      role,
      agency_code: unit.agency_code,
      unit_id: unit.id,
      password_hash: hash,
    })),
  );
  for (let i = 0; i < officerRows.length; i += 500) {
    await db
      .insertInto('users')
      .values(officerRows.slice(i, i + 500))
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
  }
  const citizenRows = Array.from({ length: citizens }, (_, i) => ({
    username: `gcitizen${i}`,
    full_name: `Công dân ${i}`,
    role: 'citizen',
    agency_code: null,
    unit_id: null,
    password_hash: hash,
  }));
  for (let i = 0; i < citizenRows.length; i += 1000) {
    await db
      .insertInto('users')
      .values(citizenRows.slice(i, i + 1000))
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
  }
}

async function loadProcedures(db: Kysely<Database>): Promise<ProcedureInfo[]> {
  const rows = await db
    .selectFrom('procedures as p')
    .innerJoin('processes as pr', (join) =>
      join.onRef('pr.procedure_code', '=', 'p.code').on('pr.status', '=', 'published'),
    )
    .select([
      'p.code',
      'p.version_id',
      'p.levels',
      'p.handling_agency_code',
      'p.time_limit',
      'pr.id',
      'pr.steps',
      'pr.agency_code',
    ])
    .where('pr.agency_code', 'is', null)
    .where('p.code', 'not in', ['1.001806', '1.004944', '1.012994'])
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    versionId: r.version_id ?? 0,
    levels: r.levels,
    handling: r.handling_agency_code,
    limit: r.time_limit as unknown as TimeLimit,
    processId: r.id,
    steps: r.steps as unknown as Step[],
  }));
}

/**
 * A synthetic Cần Thơ: the real wards and departments, ~2,000 procedures derived from the real ones,
 * officers per unit, citizens, and N dossiers over the years with their full event history — shaped
 * like real traffic (≈70 % online, Zipf popularity, ≈10 % supplements, ≈1.5 % late, ≈20 % in progress).
 * Projections are folds of the generated events, so `verify dossiers` holds by construction.
 */
export async function generateProvince(
  db: Kysely<Database>,
  pool: pg.Pool,
  clock: Clock,
  options: GenerateOptions,
) {
  const random = new Random(options.seed);
  const progress = options.onProgress ?? (() => undefined);
  progress('thủ tục', 0, options.procedures);
  await deriveProcedures(db, options.procedures);
  progress('thủ tục', options.procedures, options.procedures);
  await generatePeople(db, options.citizens, 'demo');

  const procedures = await loadProcedures(db);
  const zipf = zipfTable(procedures.length);
  const communes = (
    await db
      .selectFrom('agencies')
      .select(['code', 'admin_unit_code'])
      .where('level', '=', 'commune')
      .orderBy('code')
      .execute()
  ).map((a) => ({ code: a.code, ward: a.admin_unit_code ?? '00000' }));
  const centre = (
    await db.selectFrom('agencies').select('code').where('kind', '=', 'centre').executeTakeFirstOrThrow()
  ).code;
  const departments = (
    await db.selectFrom('agencies').select('code').where('kind', '=', 'department').execute()
  ).map((a) => a.code);
  const citizens = (
    await db.selectFrom('users').select('id').where('username', 'like', 'gcitizen%').execute()
  ).map((u) => u.id);
  const actors = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'role', 'agency_code'])
        .where('role', '<>', 'citizen')
        .execute()
    ).map((u) => [`${u.agency_code}/${u.role}`, u.id]),
  );
  const actor = (agency: string, role: string) => actors.get(`${agency}/${role}`) ?? null;

  const start = dayFromYmd(2024, 1, 2);
  const until = localDay(Date.parse(`${options.until}T12:00:00+07:00`));
  const workingDays: number[] = [];
  for (let day = start; day <= until; day++) if (clock.calendar.isWorkingDay(day)) workingDays.push(day);
  const recentFrom = workingDays.findIndex((d) => d >= until - 60);

  const counters = new Map<string, number>();
  const idRow = await db
    .selectFrom('dossiers')
    .select(sql<number>`coalesce(max(id), 0)`.as('max'))
    .executeTakeFirstOrThrow();
  let nextId = idRow.max + 1;
  const dossierColumns = [
    'id',
    'code',
    'procedure_code',
    'channel',
    'status',
    'national_status',
    'receiving_agency',
    'handling_agency',
    'process_id',
    'step_key',
    'step_due_at',
    'assignee_id',
    'applicant',
    'applicant_id_number',
    'applicant_search',
    'form_data',
    'documents',
    'owner_id',
    'submitted_at',
    'accepted_at',
    'due_at',
    'original_due_at',
    'apology_count',
    'paused_since',
    'paused_ms',
    'supplement_count',
    'supplement_phase',
    'signed',
    'finished_at',
    'outcome',
    'returned_at',
    'return_method',
    'timeliness',
    'agencies_seen',
    'procedure_version_id',
    'version',
  ];

  let done = 0;
  let events = 0;
  while (done < options.dossiers) {
    const size = Math.min(BATCH, options.dossiers - done);
    const dossierRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    for (let i = 0; i < size; i++) {
      const procedure = procedures[sampleZipf(zipf, random)] as ProcedureInfo;
      const inProgress = random.chance(0.2);
      const dayIndex = inProgress
        ? recentFrom + random.int(workingDays.length - recentFrom)
        : random.int(Math.max(1, recentFrom));
      const day = workingDays[dayIndex] as number;
      const submittedAt = instantAt(day, clock.hours.openMs + random.int(clock.hours.dayMs + 90 * 60_000));
      const channelRoll = random.next();
      const channel: Channel = channelRoll < 0.7 ? 'online' : channelRoll < 0.95 ? 'counter' : 'postal';
      const commune = random.pick(communes);
      const communeLevel = procedure.levels.includes('commune') && !procedure.levels.includes('province');
      const handling = communeLevel ? commune.code : (procedure.handling ?? random.pick(departments));
      const receiving = communeLevel && random.chance(0.9) ? commune.code : centre;
      const key = `${receiving}/${isoFromDay(localDay(submittedAt))}`;
      const serial = (counters.get(key) ?? 0) + 1;
      counters.set(key, serial);
      const code = dossierCode(receiving, submittedAt, serial);
      const timing = timingFor(clock, procedure.limit, procedure.steps, null);
      const id = nextId++;
      // An online dossier is filed by a citizen's account: the owner is its first event's actor.
      const owner = channel === 'online' && citizens.length > 0 ? random.pick(citizens) : null;
      const list = buildEvents(
        random,
        clock,
        timing,
        procedure,
        { id, channel, receiving, handling, submittedAt, inProgress },
        (agency, role) => (role === 'citizen' ? owner : actor(agency, role)),
        until,
      );
      const state = foldEvents(list);
      const name = `${random.pick(FAMILY)} ${random.pick(MIDDLE)} ${random.pick(GIVEN)}`;
      const idNumber = `092${String(100_000_000 + random.int(900_000_000))}`;
      const applicant = {
        kind: 'person',
        fullName: name,
        idNumber,
        birthDate: '1985-01-01',
        address: { line: 'Cần Thơ', wardCode: commune.ward },
        phone: '0900000000',
      };
      const t = (ms: number | null) => (ms === null ? null : new Date(ms));
      dossierRows.push([
        id,
        code,
        procedure.code,
        state.channel,
        state.status,
        NATIONAL_STATUS[state.status],
        state.receivingAgency,
        state.handlingAgency,
        state.processId,
        state.stepKey,
        t(state.stepDueAt),
        state.assigneeId,
        applicant,
        idNumber,
        foldForSearch(name),
        '{}',
        '[]',
        state.ownerId,
        t(state.submittedAt),
        t(state.acceptedAt),
        t(state.dueAt),
        t(state.originalDueAt),
        state.apologyCount,
        t(state.pausedSince),
        state.pausedMs,
        state.supplementCount,
        state.supplementPhase,
        state.signed,
        t(state.finishedAt),
        state.outcome,
        t(state.returnedAt),
        state.returnMethod,
        state.timeliness,
        state.agenciesSeen,
        state.procedureVersionId,
        state.version,
      ]);
      for (const e of list) {
        eventRows.push(Object.values(eventValues(id, e)));
      }
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await copyRows(client, 'dossiers', dossierColumns, dossierRows);
      await copyRows(client, 'dossier_events', EVENT_COLUMNS, eventRows);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    done += size;
    events += eventRows.length;
    progress('hồ sơ', done, options.dossiers);
  }
  await sql`SELECT setval(pg_get_serial_sequence('dossiers', 'id'), ${nextId})`.execute(db);
  const sequenceRows = [...counters].map(([key, last]) => {
    const [agency, day] = key.split('/') as [string, string];
    return { agency_code: agency, day, last_value: last };
  });
  for (let i = 0; i < sequenceRows.length; i += 1000) {
    await db
      .insertInto('dossier_sequences')
      .values(sequenceRows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc
          .columns(['agency_code', 'day'])
          .doUpdateSet({ last_value: sql`greatest(dossier_sequences.last_value, excluded.last_value)` }),
      )
      .execute();
  }
  // The yearly logbook numbers of each receiving agency, without gaps, in order of acceptance, as intake and
  // acceptance would have taken them one by one; the sequences continue from there.
  await sql`
    UPDATE dossiers d SET logbook_number = numbered.n
    FROM (
      SELECT id, row_number() OVER (
        PARTITION BY receiving_agency, extract(year FROM accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')
        ORDER BY accepted_at, id) AS n
      FROM dossiers WHERE accepted_at IS NOT NULL AND logbook_number IS NULL AND id >= ${idRow.max + 1}) numbered
    WHERE d.id = numbered.id`.execute(db);
  await sql`
    INSERT INTO logbook_sequences (agency_code, year, last_value)
    SELECT receiving_agency, extract(year FROM accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, max(logbook_number)
    FROM dossiers WHERE logbook_number IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (agency_code, year) DO UPDATE SET last_value = greatest(logbook_sequences.last_value, excluded.last_value)`.execute(
    db,
  );
  // After a bulk load, VACUUM sets the visibility map so index-only scans (queue counts) need no heap reads.
  await sql`VACUUM (ANALYZE) dossiers, dossier_events`.execute(db);
  return { dossiers: done, events, years: [yearOfDay(start), yearOfDay(until)] };
}

interface Shape {
  id: number;
  channel: Channel;
  receiving: string;
  handling: string;
  submittedAt: number;
  inProgress: boolean;
}

/** The event history of one dossier along the generic process, with the dues the transition function would compute. */
function buildEvents(
  random: Random,
  clock: Clock,
  timing: ReturnType<typeof timingFor>,
  procedure: ProcedureInfo,
  shape: Shape,
  actor: (agency: string, role: string) => number | null,
  untilDay: number,
): DossierEvent[] {
  const steps = procedure.steps;
  const events: DossierEvent[] = [];
  const stepBudget = (step: Step) =>
    step.budget
      ? (limitAsWorkingMs(clock, { value: step.budget.value, unit: 'working_days' }, null) ?? 0)
      : 0;
  let now = shape.submittedAt;
  let status: DossierEvent['toStatus'] = shape.channel === 'online' ? 'submitted' : 'accepted';
  let stepIndex = 0;
  const late = random.chance(0.015);
  const push = <A extends EventAction>(
    action: A,
    role: Role,
    agency: string,
    toStep: string | null,
    toStatus: DossierEvent['toStatus'],
    payload: PayloadOf<A>,
  ) => {
    events.push({
      seq: events.length + 1,
      action,
      at: now,
      actorId: actor(agency, role),
      actorRole: role,
      actorAgency: agency,
      agencyCode: shape.handling,
      fromStep: events.length === 0 ? null : (steps[stepIndex]?.key ?? null),
      toStep,
      fromStatus: events.length === 0 ? null : status,
      toStatus,
      note: null,
      payload,
    } as DossierEvent);
    status = toStatus;
  };
  const reception = steps[0] as Step;
  const base = {
    channel: shape.channel,
    receivingAgency: shape.receiving,
    handlingAgency: shape.handling,
    processId: procedure.processId,
    procedureVersionId: procedure.versionId,
    documents: [],
  };
  if (shape.channel === 'online') {
    push('submit', 'citizen', shape.receiving, reception.key, 'submitted', {
      ...base,
      stepDueAt: timing.stepDue(reception, now),
    });
    if (random.chance(0.1)) {
      now += 2 * 3_600_000;
      push('request_supplement', 'receiver', shape.receiving, reception.key, 'supplement_requested', {
        items: ['Bổ sung giấy tờ'],
        reason: 'Thiếu giấy tờ',
        phase: 'reception',
        stepDueAt: null,
      });
      now += (1 + random.int(3)) * 86_400_000;
      push('submit_supplement', 'citizen', shape.receiving, reception.key, 'submitted', {
        documents: [{ name: 'Giấy tờ bổ sung', form: 'copy', copies: 1 }],
        stepDueAt: timing.stepDue(reception, now),
      });
    }
    now += (1 + random.int(6)) * 3_600_000;
    push('accept', 'receiver', shape.receiving, reception.key, 'accepted', {
      dueAt: timing.appointment(now),
      stepDueAt: timing.stepDue(reception, now),
    });
  } else {
    push('receive', 'receiver', shape.receiving, reception.key, 'accepted', {
      ...base,
      stepDueAt: timing.stepDue(reception, now),
      dueAt: timing.appointment(now),
    });
  }
  const stopAt = shape.inProgress ? 1 + random.int(steps.length - 2) : steps.length;
  const horizon = instantAt(untilDay, clock.hours.closeMs);
  for (stepIndex = 0; stepIndex < steps.length - 1 && stepIndex < stopAt; stepIndex++) {
    const step = steps[stepIndex] as Step;
    const next = steps[stepIndex + 1] as Step;
    const share = late && step.kind === 'appraisal' ? 1.6 + random.next() : 0.2 + random.next() * 0.6;
    const spent = Math.max(60_000, Math.round(stepBudget(step) * share));
    const after = spent / clock.hours.dayMs;
    now = timing.consultationDue(now, after);
    if (now > horizon) break;
    const role: Role = step.kind === 'reception' ? 'receiver' : step.role;
    const agency = step.kind === 'reception' ? shape.receiving : shape.handling;
    if (step.kind === 'approval') {
      push('approve', role, agency, next.key, 'processing', {
        stepDueAt: timing.stepDue(next, now),
        assigneeId: null,
      });
    } else if (step.kind === 'issuing') {
      push('sign', role, agency, step.key, status, { signedBy: role });
      const state = foldEvents(events);
      push('issue_result', role, agency, next.key, 'processed', {
        resultNumber: null,
        stepDueAt: null,
        timeliness: timing.timeliness(state, now),
      });
    } else {
      push('forward', role, agency, next.key, 'processing', {
        stepDueAt: timing.stepDue(next, now),
        assigneeId: null,
      });
    }
  }
  if ((status as string) === 'processed' && !shape.inProgress && now + 86_400_000 < horizon) {
    now += 3_600_000 * (2 + random.int(40));
    stepIndex = steps.length - 1;
    push('return_result', 'receiver', shape.receiving, null, 'returned', {
      method: shape.channel === 'online' ? 'online' : 'counter',
      stepDueAt: null,
    });
  }
  return events;
}
