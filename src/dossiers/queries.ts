import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { formatVnInstant } from '../calendar/dates.js';
import type { Database } from '../db/schema.js';
import { foldForSearch } from '../shared/text.js';
import { type DossierStatus, STATUS_NAMES_VI } from './model.js';
import { dossierView } from './view.js';

export interface QueueQuery {
  scope: 'mine' | 'unit' | 'agency';
  status?: DossierStatus;
  overdue?: boolean;
  page: number;
  pageSize: number;
  now: number;
}

const FRONT_DESK = ['receiver', 'postal'];

/**
 * An officer's work: at the front desk, dossiers waiting for the completeness check or for their result
 * to be returned at this centre; elsewhere, open dossiers of the agency at a step of the officer's role
 * (mine), of the officer's unit (unit) or all (agency). Soonest step due first.
 */
export async function officerQueue(db: Kysely<Database>, actor: Actor, query: QueueQuery) {
  const agency = actor.agencyCode ?? '';
  let select = db
    .selectFrom('dossiers as d')
    .leftJoin('process_steps as st', (join) =>
      join.onRef('st.process_id', '=', 'd.process_id').onRef('st.key', '=', 'd.step_key'),
    )
    .where('d.finished_at', 'is', null);
  if (FRONT_DESK.includes(actor.role)) {
    select = select
      .where('d.receiving_agency', '=', agency)
      .where((eb) => eb.or([eb('d.status', 'in', ['submitted', 'accepted']), eb('st.kind', '=', 'return')]));
  } else {
    select = select
      .where('d.handling_agency', '=', agency)
      .where('d.status', 'in', ['accepted', 'processing']);
    select = select.where('st.kind', 'not in', ['reception', 'return']);
    if (query.scope === 'mine') {
      const roles = actor.role === 'agency_head' ? ['agency_head', 'unit_head'] : [actor.role];
      select = select.where((eb) =>
        eb.or([
          eb('d.assignee_id', '=', actor.id),
          eb.and([eb('d.assignee_id', 'is', null), eb('st.role', 'in', roles)]),
        ]),
      );
    } else if (query.scope === 'unit') {
      select = select.where((eb) =>
        eb.or([eb('st.unit', 'is', null), eb('st.unit', '=', actor.unitCode ?? '')]),
      );
    }
  }
  if (query.status) select = select.where('d.status', '=', query.status);
  if (query.overdue) select = select.where('d.step_due_at', '<', new Date(query.now));
  // The page reads the open-dossier index in step-due order and stops at pageSize; the count is separate
  // and reads only that index (index-only scan), without the procedure names.
  const [rows, count] = await Promise.all([
    select
      .innerJoin('procedures as pr', 'pr.code', 'd.procedure_code')
      .selectAll('d')
      .select(['st.name as step_name', 'pr.name as procedure_name'])
      .orderBy(sql`d.step_due_at ASC NULLS LAST`)
      .orderBy('d.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    select.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      ...dossierView(row, query.now),
      procedureName: row.procedure_name,
      stepName: row.step_name,
    })),
    total: count.total,
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

/** Officer search within what the officer may see; names are matched without accents. */
export async function searchDossiers(db: Kysely<Database>, actor: Actor, query: SearchQuery) {
  let select = db.selectFrom('dossiers as d').innerJoin('procedures as pr', 'pr.code', 'd.procedure_code');
  if (actor.role !== 'controller') {
    select = select.where(sql<boolean>`d.agencies_seen @> ARRAY[${actor.agencyCode ?? ''}]::text[]`);
  }
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
  const rows = await select
    .selectAll('d')
    .select(['pr.name as procedure_name', sql<number>`count(*) over ()`.as('total')])
    .orderBy('d.submitted_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  if (rows.length === 0 && folded && !query.fuzzy && query.page === 1) {
    return searchDossiers(db, actor, { ...query, fuzzy: true });
  }
  return {
    items: rows.map((row) => ({ ...dossierView(row, query.now), procedureName: row.procedure_name })),
    total: rows[0]?.total ?? 0,
  };
}

export async function ownDossiers(
  db: Kysely<Database>,
  actor: Actor,
  page: number,
  pageSize: number,
  now: number,
) {
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as pr', 'pr.code', 'd.procedure_code')
    .selectAll('d')
    .select(['pr.name as procedure_name', sql<number>`count(*) over ()`.as('total')])
    .where('d.owner_id', '=', actor.id)
    .orderBy('d.submitted_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((row) => ({ ...dossierView(row, now), procedureName: row.procedure_name })),
    total: rows[0]?.total ?? 0,
  };
}

/** Public tracking by code: progress without personal data (Circular 01/2018 art. 16.2.d). */
export async function trackDossier(db: Kysely<Database>, code: string, now: number) {
  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as pr', 'pr.code', 'd.procedure_code')
    .innerJoin('agencies as ra', 'ra.code', 'd.receiving_agency')
    .innerJoin('agencies as ha', 'ha.code', 'd.handling_agency')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.national_status',
      'd.submitted_at',
      'd.accepted_at',
      'd.due_at',
      'd.finished_at',
      'd.returned_at',
      'd.outcome',
      'pr.code as procedure_code',
      'pr.name as procedure_name',
      'ra.name as receiving_agency_name',
      'ha.name as handling_agency_name',
    ])
    .where('d.code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const steps = await db
    .selectFrom('dossier_events as e')
    .innerJoin('agencies as a', 'a.code', 'e.agency_code')
    .select(['e.action', 'e.to_status', 'e.at', 'a.name as agency_name'])
    .where('e.dossier_id', '=', row.id)
    .orderBy('e.seq')
    .execute();
  const iso = (value: Date | null) => (value === null ? null : formatVnInstant(value.getTime()));
  const status = row.status as DossierStatus;
  return {
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    status,
    statusName: STATUS_NAMES_VI[status],
    nationalStatus: row.national_status,
    receivingAgency: row.receiving_agency_name,
    handlingAgency: row.handling_agency_name,
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
      agency: s.agency_name,
      at: iso(s.at),
    })),
  };
}
