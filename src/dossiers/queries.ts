import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { formatVnInstant } from '../calendar/dates.js';
import { agencyBriefs } from '../catalog/agency-store.js';
import { procedureVersion, procedureVersions } from '../catalog/procedure-store.js';
import { preparedRows } from '../db/prepared.js';
import type { Database } from '../db/schema.js';
import { foldForSearch } from '../shared/text.js';
import { RECEIVING_CENTRE } from '../workflow/model.js';
import { joinCurrentStep } from '../workflow/store.js';
import { type DossierStatus, STATUS_NAMES_VI, STATUSES } from './model.js';
import { deskOf, FRONT_DESK_KINDS, visibilityOf } from './policy.js';
import { agencyUnseen, visibleTo, worksCurrentStep } from './policy-sql.js';
import { encodeQueueCursor, type QueueCursor } from './queue-cursor.js';
import { applicantNameColumn, type DossierSummaryRow, findDossierRow, SUMMARY_COLUMNS } from './store.js';
import { dossierSummaryView } from './view.js';

export interface QueueQuery {
  scope: 'mine' | 'unit' | 'agency';
  status?: DossierStatus;
  overdue?: boolean;
  /** Continue after this dossier (keyset); without it, the page by number. */
  after?: QueueCursor;
  page: number;
  pageSize: number;
  now: number;
}

/** Statuses in which a dossier waits for an officer (not for the applicant, not closed). */
const AWAITING_OFFICER: DossierStatus[] = [
  'submitted',
  'accepted',
  'processing',
  'withdrawal_requested',
  'processed',
];

/**
 * Up to this many dossiers a list (the officer's queue, the dossier search) counts exactly; beyond it the list
 * says "more than". Every page of a busy agency's queue pays for the count, so it stays small: a count of
 * thousands tells an officer nothing that "more than 100" (two pages of the web's queue) does not. Counting
 * reads one index entry, one dossier and (through a cache) its step per dossier counted: at 201 the count was
 * the page's costliest statement (611 buffers, 1.2 ms of the database's 3.4 ms per page at 1 M dossiers).
 */
export const QUEUE_COUNT_CAP = 100;

/** The count of a list's rows, no further than the cap (a busy agency's list costs what a quiet one's does). */
function cappedCountQuery<DB, TB extends keyof DB, O>(
  db: Kysely<Database>,
  select: SelectQueryBuilder<DB, TB, O>,
) {
  return db
    .selectFrom(
      select
        .select(sql`1`.as('one'))
        .limit(QUEUE_COUNT_CAP + 1)
        .as('listed'),
    )
    .select(sql<number>`count(*)::int`.as('n'));
}

const cappedTotal = (n: number) => ({
  total: Math.min(n, QUEUE_COUNT_CAP),
  totalIsExact: n <= QUEUE_COUNT_CAP,
});

/** How many rows a list has, counted no further than the cap. */
async function cappedCount<DB, TB extends keyof DB, O>(
  db: Kysely<Database>,
  select: SelectQueryBuilder<DB, TB, O>,
): Promise<{ total: number; totalIsExact: boolean }> {
  const { n } = await cappedCountQuery(db, select).executeTakeFirstOrThrow();
  return cappedTotal(n);
}

/** Procedure names of the versions the rows were received under (cached in memory; those not yet read, in one query). */
async function withProcedureNames<T extends DossierSummaryRow>(db: Kysely<Database>, rows: T[]) {
  const versions = await procedureVersions(db, [...new Set(rows.map((row) => row.procedure_version_id))]);
  const names = new Map(versions.map((version) => [version.id, version.content.name]));
  return rows.map((row) => ({
    row,
    procedureName: names.get(row.procedure_version_id) ?? row.procedure_code,
  }));
}

/** A row of the officer's queue: the dossier's summary and its current step's name. */
type QueueRow = DossierSummaryRow & { step_name: string | null };

/**
 * An officer's work, soonest step due first. `mine`: the dossiers at a step this officer works (the policy's
 * Desk, compiled to SQL); `unit` and `agency`: every open dossier of the handling agency at a back-office
 * step, of the officer's unit or all of them (the front desk's scopes are its own steps). Pages continue from
 * a cursor (the index on (agency, step due, id) of waiting dossiers serves them at any depth); the total is
 * exact up to QUEUE_COUNT_CAP and "more than" beyond, so a busy agency's queue costs the same as a quiet one's.
 */
export async function officerQueue(db: Kysely<Database>, actor: Actor, query: QueueQuery) {
  const desk = deskOf(actor);
  // Asked for one status, the queue lists it even when it waits for the applicant (a supplement, a payment).
  // The statuses (of the fixed list) are written into the statement, not bound: a generic plan can then prove
  // they match the waiting-dossier indexes' condition and use them (with bound values only a per-call plan can).
  const statuses = (query.status ? [query.status] : AWAITING_OFFICER).filter((s) => STATUSES.includes(s));
  let select = joinCurrentStep(db.selectFrom('dossiers as d')).where(
    'd.status',
    'in',
    statuses.map((status) => sql.lit(status)),
  );
  if (query.scope === 'mine' || desk.kind !== 'back') {
    select = select.where(worksCurrentStep(desk));
  } else {
    select = select
      .where('d.handling_agency', '=', agencyUnseen(desk.agencyCode))
      .where(sql<boolean>`coalesce(st.unit, '') <> ${RECEIVING_CENTRE}`)
      .where('st.kind', 'not in', [...FRONT_DESK_KINDS]);
    if (query.scope === 'unit')
      select = select.where((eb) =>
        eb.or([eb('st.unit', 'is', null), eb('st.unit', '=', actor.unitCode ?? '')]),
      );
  }
  if (query.overdue) select = select.where('d.step_due_at', '<', new Date(query.now));
  const page = select.select([...SUMMARY_COLUMNS, applicantNameColumn, 'st.name as step_name']);
  const after = query.after;
  // Dated steps in (due, id) order, then undated ones by id: each part is one range of the index.
  const dated = (limit: number) =>
    page
      .where('d.step_due_at', 'is not', null)
      .$if(after !== undefined && after.dueAt !== null, (q) =>
        q.where(sql<boolean>`(d.step_due_at, d.id) > (${new Date(after?.dueAt ?? 0)}, ${after?.id ?? 0})`),
      )
      .orderBy('d.step_due_at')
      .orderBy('d.id')
      .limit(limit)
      .$if(after === undefined, (q) => q.offset((query.page - 1) * query.pageSize));
  const undated = (limit: number, offset: number) =>
    preparedRows(
      db,
      'queue_undated',
      page
        .where('d.step_due_at', 'is', null)
        .$if(after?.dueAt === null, (q) => q.where('d.id', '>', after?.id ?? 0))
        .orderBy('d.id')
        .limit(limit)
        .offset(offset),
    );
  const datedCount = async () =>
    (
      await select
        .where('d.step_due_at', 'is not', null)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  // Counted in the page's order, so the index is read in order and the count stops at the cap; unordered, a
  // busy agency's count gathered every open dossier's entry first (a bitmap scan cannot stop early).
  const counted = cappedCountQuery(db, select.orderBy('d.step_due_at').orderBy('d.id'));
  let first: QueueRow[] = [];
  let n = 0;
  if (after?.dueAt === null) {
    n = (await preparedRows(db, 'queue_count', counted))[0]?.n ?? 0;
  } else {
    // One statement: the count, and the page joined to it (an empty page still gives the count's row).
    const joined = await preparedRows(
      db,
      'queue_page',
      db
        .selectFrom(counted.as('c'))
        .leftJoin(dated(query.pageSize).as('p'), (join) => join.onTrue())
        .select('c.n')
        .selectAll('p')
        .orderBy('p.step_due_at')
        .orderBy('p.id'),
    );
    n = joined[0]?.n ?? 0;
    first = joined.filter((row) => row.code !== null) as QueueRow[];
  }
  const count = cappedTotal(n);
  let rows = first;
  if (rows.length < query.pageSize) {
    // The dated part ran out on this page: the rest comes from the undated dossiers, which follow it.
    const skip = (query.page - 1) * query.pageSize;
    const offset = after === undefined && skip > 0 ? Math.max(0, skip - (await datedCount())) : 0;
    rows = [...rows, ...(await undated(query.pageSize - rows.length, offset))];
  }
  const last = rows.at(-1);
  const named = await withProcedureNames(db, rows);
  return {
    items: named.map(({ row, procedureName }) => ({
      ...dossierSummaryView(row, query.now),
      procedureName,
      stepName: row.step_name,
    })),
    ...count,
    next:
      last && rows.length === query.pageSize
        ? encodeQueueCursor({ dueAt: last.step_due_at?.getTime() ?? null, id: last.id })
        : null,
  };
}

export interface SearchQuery {
  q?: string;
  /** Internal: retry with trigram similarity when containment found nothing. */
  fuzzy?: boolean;
  idNumber?: string;
  procedure?: string;
  status?: DossierStatus;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  now: number;
}

/** Officer search within what the officer may see (the policy's Visibility as SQL); names match without accents. */
export async function searchDossiers(db: Kysely<Database>, actor: Actor, query: SearchQuery) {
  let select = db.selectFrom('dossiers as d').where(visibleTo(visibilityOf(actor)));
  const folded = query.q ? foldForSearch(query.q) : '';
  if (folded) {
    // Names are matched by containment through the trigram index; trigram similarity (typos) is a
    // fallback only, because evaluating it row by row is what made name search slow at 1 M dossiers.
    select = select.where((eb) =>
      eb.or([
        eb('d.code', '=', query.q?.trim() ?? ''),
        query.fuzzy
          ? sql<boolean>`${folded} <% d.applicant_search`
          : eb('d.applicant_search', 'like', `%${folded}%`),
      ]),
    );
  }
  if (query.idNumber) select = select.where('d.applicant_id_number', '=', query.idNumber);
  if (query.procedure) select = select.where('d.procedure_code', '=', query.procedure);
  if (query.status) select = select.where('d.status', '=', query.status);
  if (query.from) select = select.where('d.submitted_at', '>=', new Date(`${query.from}T00:00:00+07:00`));
  if (query.to)
    select = select.where(
      'd.submitted_at',
      '<',
      sql<Date>`(${query.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    );
  const [rows, count] = await Promise.all([
    select
      .select([...SUMMARY_COLUMNS, applicantNameColumn])
      .orderBy('d.submitted_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    cappedCount(db, select),
  ]);
  if (count.total === 0 && folded && !query.fuzzy) {
    return searchDossiers(db, actor, { ...query, fuzzy: true });
  }
  const named = await withProcedureNames(db, rows);
  return {
    items: named.map(({ row, procedureName }) => ({ ...dossierSummaryView(row, query.now), procedureName })),
    ...count,
  };
}

/** A citizen's own dossiers, newest first. */
export async function ownDossiers(
  db: Kysely<Database>,
  actor: Actor,
  page: number,
  pageSize: number,
  now: number,
) {
  const rows = await preparedRows(
    db,
    'own_dossiers',
    db
      .selectFrom('dossiers as d')
      .select([...SUMMARY_COLUMNS, applicantNameColumn, sql<number>`count(*) over ()`.as('total')])
      .where(visibleTo({ kind: 'owner', ownerId: actor.id }))
      .orderBy('d.submitted_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  );
  const named = await withProcedureNames(db, rows);
  return {
    items: named.map(({ row, procedureName }) => ({ ...dossierSummaryView(row, now), procedureName })),
    total: rows[0]?.total ?? 0,
  };
}

/** Public tracking by code: progress without personal data (Circular 01/2018 art. 16.2.d). */
export async function trackDossier(db: Kysely<Database>, code: string, now: number) {
  const row = await findDossierRow(db, code);
  if (!row) return null;
  const steps = await preparedRows(
    db,
    'tracked_steps',
    db
      .selectFrom('dossier_events')
      .select(['action', 'to_status', 'at', 'agency_code'])
      .where('dossier_id', '=', row.id)
      .orderBy('seq'),
  );
  const agencies = await agencyBriefs(db, [
    ...new Set([row.receiving_agency, row.handling_agency, ...steps.map((s) => s.agency_code)]),
  ]);
  const agencyName = (agencyCode: string) => agencies.find((a) => a.code === agencyCode)?.name ?? agencyCode;
  const procedure = await procedureVersion(db, row.procedure_version_id);
  const iso = (value: Date | null) => (value === null ? null : formatVnInstant(value.getTime()));
  const status = row.status as DossierStatus;
  return {
    code: row.code,
    procedure: { code: row.procedure_code, name: procedure.content.name },
    status,
    statusName: STATUS_NAMES_VI[status],
    nationalStatus: row.national_status,
    receivingAgency: agencyName(row.receiving_agency),
    handlingAgency: agencyName(row.handling_agency),
    receivedAt: iso(row.submitted_at),
    acceptedAt: iso(row.accepted_at),
    dueAt: iso(row.due_at),
    finishedAt: iso(row.finished_at),
    returnedAt: iso(row.returned_at),
    overdue: row.finished_at === null && row.due_at !== null && row.due_at.getTime() < now,
    outcome: row.outcome,
    history: steps.map((s) => ({
      action: s.action,
      status: s.to_status,
      agency: agencyName(s.agency_code),
      at: iso(s.at),
    })),
  };
}
