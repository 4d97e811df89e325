import { type Kysely, sql } from 'kysely';
import { announceChange } from '../db/change-feed.js';
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
  forgetAgencies();
  await announceChange(db, 'agencies');
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
  forgetAgencies();
  await announceChange(db, 'agencies', code);
  const result = await db
    .updateTable('agencies')
    .set({ office_hours: JSON.stringify(hours) })
    .where('code', '=', code)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

interface AgencyEntry {
  code: string;
  name: string;
  level: 'province' | 'commune';
  kind: AgencyRow['kind'];
  adminUnitCode: string | null;
}

interface Directory {
  byCode: Map<string, AgencyEntry>;
  byWard: Map<string, string>;
  provincialCentre: string | null;
}

/**
 * Every agency in memory (a province has a few hundred): intake, routing and every page naming an agency read
 * here instead of the database. Dropped when an agency changes here or on another server process (announced
 * "agencies" change), and after a minute at most.
 */
let directory: { loaded: Promise<Directory>; at: number } | null = null;
const DIRECTORY_TTL_MS = 60_000;

export function forgetAgencies(): void {
  directory = null;
}

async function loadDirectory(db: Kysely<Database>): Promise<Directory> {
  const rows = await db
    .selectFrom('agencies')
    .select(['code', 'name', 'level', 'kind', 'admin_unit_code'])
    .orderBy('code')
    .execute();
  const byCode = new Map<string, AgencyEntry>();
  const byWard = new Map<string, string>();
  for (const row of rows) {
    byCode.set(row.code, {
      code: row.code,
      name: row.name,
      level: row.level,
      kind: row.kind,
      adminUnitCode: row.admin_unit_code,
    });
    if (row.admin_unit_code) byWard.set(row.admin_unit_code, row.code);
  }
  const centre = rows.find((row) => row.kind === 'centre' && row.level === 'province');
  return { byCode, byWard, provincialCentre: centre?.code ?? null };
}

function agencyDirectory(db: Kysely<Database>): Promise<Directory> {
  if (!directory || Date.now() - directory.at > DIRECTORY_TTL_MS) {
    const loaded = loadDirectory(db);
    directory = { loaded, at: Date.now() };
    loaded.catch(() => {
      if (directory?.loaded === loaded) directory = null;
    });
  }
  return directory.loaded;
}

/** Code, name and level of an agency, or undefined when there is none with that code. */
export async function agencyBrief(db: Kysely<Database>, code: string) {
  const entry = (await agencyDirectory(db)).byCode.get(code);
  return entry ? { code: entry.code, name: entry.name, level: entry.level } : undefined;
}

export async function agencyBriefs(db: Kysely<Database>, codes: string[]) {
  const { byCode } = await agencyDirectory(db);
  return codes
    .map((code) => byCode.get(code))
    .filter((entry): entry is AgencyEntry => entry !== undefined)
    .map((entry) => ({ code: entry.code, name: entry.name, level: entry.level }));
}

/** The commune or ward agency whose official administrative code is `wardCode`. */
export async function communeOfWard(db: Kysely<Database>, wardCode: string): Promise<string | null> {
  return (await agencyDirectory(db)).byWard.get(wardCode) ?? null;
}

/** The province's public-service centre, where province-level filings are received by default. */
export async function provincialCentre(db: Kysely<Database>): Promise<string | null> {
  return (await agencyDirectory(db)).provincialCentre;
}
