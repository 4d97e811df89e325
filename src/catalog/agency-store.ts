import { type Kysely, sql } from 'kysely';
import type { Database, OfficeHoursJson } from '../db/schema.js';
import { matchesFolded, rankByFolded } from '../db/text-search.js';
import { foldForSearch } from '../shared/text.js';

export interface AgencyInput {
  code: string;
  name: string;
  shortName: string | null;
  level: 'province' | 'commune';
  kind: Database['agencies']['kind'];
  parentCode: string | null;
  adminUnitCode: string | null;
  officeHours?: OfficeHoursJson | null;
}

export async function upsertAgency(db: Kysely<Database>, agency: AgencyInput): Promise<void> {
  const values = {
    code: agency.code,
    name: agency.name,
    short_name: agency.shortName,
    level: agency.level,
    kind: agency.kind,
    parent_code: agency.parentCode,
    admin_unit_code: agency.adminUnitCode,
    search_text: foldForSearch(`${agency.name} ${agency.shortName ?? ''} ${agency.adminUnitCode ?? ''}`),
    office_hours: agency.officeHours ? JSON.stringify(agency.officeHours) : null,
  };
  await db
    .insertInto('agencies')
    .values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, code: undefined }))
    .execute();
}

export async function upsertUnit(
  db: Kysely<Database>,
  agencyCode: string,
  code: string,
  name: string,
): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({ agency_code: agencyCode, code, name })
    .onConflict((oc) => oc.columns(['agency_code', 'code']).doUpdateSet({ name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AgencyQuery {
  level?: 'province' | 'commune';
  kind?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const agencyColumns = [
  'code',
  'name',
  'short_name',
  'level',
  'kind',
  'parent_code',
  'admin_unit_code',
] as const;

type AgencyRow = Pick<Database['agencies'], (typeof agencyColumns)[number]>;

export function toAgency(row: AgencyRow) {
  return {
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    level: row.level,
    kind: row.kind,
    parentCode: row.parent_code,
    adminUnitCode: row.admin_unit_code,
  };
}

export async function searchAgencies(db: Kysely<Database>, query: AgencyQuery) {
  const folded = query.q ? foldForSearch(query.q) : '';
  let select = db.selectFrom('agencies').where('active', '=', true);
  if (query.level) select = select.where('level', '=', query.level);
  if (query.kind) select = select.where('kind', '=', query.kind as AgencyRow['kind']);
  if (folded) {
    select = select.where(matchesFolded(folded, 'search_text'));
  }
  const rows = await select
    .select([...agencyColumns, sql<number>`count(*) over ()`.as('total')])
    .orderBy(folded ? rankByFolded(folded, 'search_text') : sql`1`)
    .orderBy('level', 'desc')
    .orderBy('code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  // Past the last page the window count has no row to ride on: ask page 1 for the total.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1)
    total = (await searchAgencies(db, { ...query, page: 1, pageSize: 1 })).total;
  return { items: rows.map(toAgency), total };
}

export async function findAgency(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('agencies')
    .select([...agencyColumns, 'office_hours'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const units = await db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('agency_code', '=', code)
    .orderBy('code')
    .execute();
  return { ...toAgency(row), officeHours: row.office_hours as OfficeHoursJson | null, units };
}

export async function agencyOfficeHours(
  db: Kysely<Database>,
  code: string,
): Promise<OfficeHoursJson | null | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('office_hours')
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? (row.office_hours as OfficeHoursJson | null) : undefined;
}

export async function updateOfficeHours(
  db: Kysely<Database>,
  code: string,
  hours: OfficeHoursJson,
): Promise<boolean> {
  const result = await db
    .updateTable('agencies')
    .set({ office_hours: JSON.stringify(hours) })
    .where('code', '=', code)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Code and level of an agency, or undefined when there is none with that code. */
export async function agencyBrief(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('agencies')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function agencyBriefs(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('agencies').select(['code', 'name', 'level']).where('code', 'in', codes).execute();
}

/** The commune or ward agency whose official administrative code is `wardCode`. */
export async function communeOfWard(db: Kysely<Database>, wardCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('agencies')
    .select('code')
    .where('admin_unit_code', '=', wardCode)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** The province's public-service centre, where province-level filings are received by default. */
export async function provincialCentre(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('agencies')
    .select('code')
    .where('kind', '=', 'centre')
    .where('level', '=', 'province')
    .orderBy('code')
    .executeTakeFirst();
  return row?.code ?? null;
}
