import { type Kysely, sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { usernames } from '../auth/store.js';
import type { TimeLimit } from '../calendar/time-limit.js';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { matchesFolded, rankByFolded } from '../db/text-search.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import { foldForSearch } from '../shared/text.js';
import {
  type ProcedureContent,
  type ProcedureRecord,
  type PublicationInput,
  procedureContentSchema,
  type VersionProvenance,
} from './model.js';

export function fieldCode(name: string): string {
  return foldForSearch(name).replace(/ /g, '-');
}

/** The content part of a record: what a version fixes (routing fields are left out). */
function contentOf(procedure: ProcedureContent): ProcedureContent {
  return procedureContentSchema.parse(procedure);
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * Inserts or updates one procedure (and its field) by code. When its content differs from the current
 * version's, a new version is written with its provenance; dossiers keep the version they were received under.
 */
export async function upsertProcedure(
  db: Kysely<Database>,
  procedure: ProcedureRecord,
  provenance: VersionProvenance = { by: null },
): Promise<UpsertOutcome> {
  const [outcome] = await upsertProcedures(db, [procedure], provenance);
  return outcome ?? 'unchanged';
}

/**
 * Tells this process and the others that what intake reads of the catalogue may have changed: one procedure by
 * its code, several (an import) at once without a code.
 */
async function catalogChanged(db: Kysely<Database>, codes: string[]): Promise<void> {
  forgetCatalog();
  await announceChange(db, 'catalog', codes.length === 1 ? (codes[0] ?? null) : null);
}

/**
 * The same for many procedures in a few statements (an import of the whole national database): one outcome per
 * record, in order. Codes must be distinct.
 */
export function upsertProcedures(
  db: Kysely<Database>,
  procedures: ProcedureRecord[],
  provenance: VersionProvenance = { by: null },
): Promise<UpsertOutcome[]> {
  if (procedures.length === 0) return Promise.resolve([]);
  return inTransaction(db, async (trx) => {
    const outcomes = await writeProcedures(trx, procedures, provenance);
    const changed = procedures.filter((_, index) => outcomes[index] !== 'unchanged').map((p) => p.code);
    if (changed.length > 0) await catalogChanged(trx, changed);
    return outcomes;
  });
}

async function writeProcedures(
  db: Kysely<Database>,
  procedures: ProcedureRecord[],
  provenance: VersionProvenance,
): Promise<UpsertOutcome[]> {
  const fields = [...new Map(procedures.map((p) => [fieldCode(p.field), p.field])).entries()];
  await db
    .insertInto('fields')
    .values(fields.map(([code, name]) => ({ code, name })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const current = new Map(
    (
      await db
        .selectFrom('procedures')
        .leftJoin('procedure_versions as v', 'v.id', 'procedures.version_id')
        .select(['procedures.code', 'procedures.version_id', 'v.version'])
        .where(
          'procedures.code',
          'in',
          procedures.map((p) => p.code),
        )
        .execute()
    ).map((row) => [row.code, row]),
  );
  const stored = new Map(
    (
      await procedureVersions(
        db,
        [...current.values()].flatMap((row) => row.version_id ?? []),
      )
    ).map((v) => [v.id, v]),
  );
  const outcomes: UpsertOutcome[] = [];
  const changed: { procedure: ProcedureRecord; content: ProcedureContent; version: number }[] = [];
  for (const procedure of procedures) {
    const content = contentOf(procedure);
    const row = current.get(procedure.code);
    const version = row?.version_id ? stored.get(row.version_id) : undefined;
    if (version) {
      if (JSON.stringify(version.content) === JSON.stringify(content)) {
        outcomes.push('unchanged');
        continue;
      }
    }
    outcomes.push(row ? 'updated' : 'inserted');
    changed.push({ procedure, content, version: (row?.version ?? 0) + 1 });
  }
  if (changed.length === 0) return outcomes;

  const values = changed.map(({ procedure }) => ({
    code: procedure.code,
    name: procedure.name,
    field_code: fieldCode(procedure.field),
    levels: procedure.levels,
    agency_kinds: procedure.agencyKinds,
    competent_agency_text: procedure.competentAgency,
    ministry: procedure.ministry,
    time_limit: JSON.stringify(procedure.timeLimit),
    fees: JSON.stringify(procedure.fees),
    documents: JSON.stringify(procedure.documents),
    legal_basis: procedure.legalBasis,
    online_level: procedure.onlineLevel,
    channels: procedure.channels,
    result_type: procedure.resultType,
    received_at_centre: procedure.receivedAtCentre,
    internal: procedure.internal,
    source_url: procedure.sourceUrl,
    search_text: foldForSearch(`${procedure.code} ${procedure.name} ${procedure.field}`),
  }));
  await db
    .insertInto('procedures')
    .values(values)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        field_code: eb.ref('excluded.field_code'),
        levels: eb.ref('excluded.levels'),
        agency_kinds: eb.ref('excluded.agency_kinds'),
        competent_agency_text: eb.ref('excluded.competent_agency_text'),
        ministry: eb.ref('excluded.ministry'),
        time_limit: eb.ref('excluded.time_limit'),
        fees: eb.ref('excluded.fees'),
        documents: eb.ref('excluded.documents'),
        legal_basis: eb.ref('excluded.legal_basis'),
        online_level: eb.ref('excluded.online_level'),
        channels: eb.ref('excluded.channels'),
        result_type: eb.ref('excluded.result_type'),
        received_at_centre: eb.ref('excluded.received_at_centre'),
        internal: eb.ref('excluded.internal'),
        source_url: eb.ref('excluded.source_url'),
        search_text: eb.ref('excluded.search_text'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
  const versions = await db
    .insertInto('procedure_versions')
    .values(
      changed.map(({ procedure, content, version }) => ({
        procedure_code: procedure.code,
        version,
        content: JSON.stringify(content),
        decision_number: provenance.decisionNumber ?? null,
        note: provenance.note ?? null,
        created_by: provenance.by,
      })),
    )
    .returning(['id', 'procedure_code'])
    .execute();
  await sql`UPDATE procedures p SET version_id = v.id
    FROM (SELECT unnest(${sql.val(versions.map((v) => v.id))}::int[]) AS id,
                 unnest(${sql.val(versions.map((v) => v.procedure_code))}::text[]) AS code) v
    WHERE p.code = v.code`.execute(db);
  return outcomes;
}

/** A procedure as the catalogue holds it now: its routing and its current version's content. */
export async function currentProcedure(
  db: Kysely<Database>,
  code: string,
): Promise<{ record: ProcedureRecord; versionId: number } | null> {
  return (await currentProcedures(db, [code])).get(code) ?? null;
}

/** The same for many codes at once (an import compares each record with what the catalogue holds). */
export async function currentProcedures(
  db: Kysely<Database>,
  codes: string[],
): Promise<Map<string, { record: ProcedureRecord; versionId: number }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('procedures')
    .select([
      'code',
      'levels',
      'agency_kinds',
      'competent_agency_text',
      'ministry',
      'received_at_centre',
      'internal',
      'source_url',
      'version_id',
    ])
    .where('code', 'in', codes)
    .execute();
  const versions = new Map(
    (
      await procedureVersions(
        db,
        rows.flatMap((row) => row.version_id ?? []),
      )
    ).map((v) => [v.id, v]),
  );
  const found = new Map<string, { record: ProcedureRecord; versionId: number }>();
  for (const row of rows) {
    const version = row.version_id === null ? undefined : versions.get(row.version_id);
    if (!version) continue;
    found.set(row.code, {
      versionId: version.id,
      record: {
        ...version.content,
        code: row.code,
        levels: row.levels as ProcedureRecord['levels'],
        agencyKinds: row.agency_kinds,
        competentAgency: row.competent_agency_text,
        ministry: row.ministry,
        receivedAtCentre: row.received_at_centre,
        internal: row.internal,
        sourceUrl: row.source_url,
      },
    });
  }
  return found;
}

export interface ProcedureVersion {
  id: number;
  procedureCode: string;
  version: number;
  content: ProcedureContent;
}

/** Versions never change once written (a trigger refuses it), so each is read once per process. */
const versionsById = new Map<number, ProcedureVersion>();

export async function procedureVersion(db: Kysely<Database>, id: number): Promise<ProcedureVersion> {
  const [version] = await procedureVersions(db, [id]);
  if (!version) throw new Error(`procedure version ${id} missing`);
  return version;
}

/** Several versions at once (those not read yet in one query), in the order asked. */
export async function procedureVersions(db: Kysely<Database>, ids: number[]): Promise<ProcedureVersion[]> {
  const missing = [...new Set(ids.filter((id) => !versionsById.has(id)))];
  if (missing.length > 0) {
    const rows = await db
      .selectFrom('procedure_versions')
      .select(['id', 'procedure_code', 'version', 'content'])
      .where('id', 'in', missing)
      .execute();
    for (const row of rows) {
      const content = procedureContentSchema.safeParse(row.content);
      // Stored content that no valid edit could have produced (written around the API): refuse to act on it.
      if (!content.success)
        throw new AppError(
          'PROCEDURE_MISCONFIGURED',
          `Nội dung thủ tục ${row.procedure_code} (phiên bản ${row.version}) không hợp lệ; đề nghị cán bộ kiểm soát TTHC sửa lại.`,
        );
      versionsById.set(row.id, {
        id: row.id,
        procedureCode: row.procedure_code,
        version: row.version,
        content: content.data,
      });
    }
  }
  return ids.flatMap((id) => versionsById.get(id) ?? []);
}

/** Every content version of a procedure, newest first, with who made it and on which decision. */
export async function procedureHistory(db: Kysely<Database>, code: string) {
  const rows = await db
    .selectFrom('procedure_versions')
    .select(['id', 'version', 'content', 'decision_number', 'note', 'created_at', 'created_by'])
    .where('procedure_code', '=', code)
    .orderBy('version', 'desc')
    .execute();
  const names = await usernames(
    db,
    rows.map((row) => row.created_by),
  );
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    content: procedureContentSchema.parse(row.content),
    decisionNumber: row.decision_number,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by === null ? null : (names.get(row.created_by) ?? null),
  }));
}

/** Records one decision for many procedures (an import published by one decision); already recorded is kept. */
export async function addPublications(
  db: Kysely<Database>,
  procedureCodes: string[],
  publication: PublicationInput,
  userId: number | null,
): Promise<void> {
  if (procedureCodes.length === 0) return;
  const rows = await db
    .insertInto('procedure_publications')
    .values(
      procedureCodes.map((code) => ({
        procedure_code: code,
        kind: publication.kind,
        decision_number: publication.decisionNumber,
        decision_date: publication.decisionDate,
        effective_date: publication.effectiveDate,
        note: publication.note ?? null,
        created_by: userId,
      })),
    )
    .onConflict((oc) => oc.columns(['procedure_code', 'decision_number', 'kind']).doNothing())
    .returning('procedure_code')
    .execute();
  if (rows.length > 0)
    await catalogChanged(
      db,
      rows.map((row) => row.procedure_code),
    );
}

export async function addPublication(
  db: Kysely<Database>,
  procedureCode: string,
  publication: PublicationInput,
  userId: number | null,
): Promise<'added' | 'exists'> {
  const rows = await db
    .insertInto('procedure_publications')
    .values({
      procedure_code: procedureCode,
      kind: publication.kind,
      decision_number: publication.decisionNumber,
      decision_date: publication.decisionDate,
      effective_date: publication.effectiveDate,
      note: publication.note ?? null,
      created_by: userId,
    })
    .onConflict((oc) => oc.columns(['procedure_code', 'decision_number', 'kind']).doNothing())
    .returning('id')
    .execute();
  if (rows.length > 0) await catalogChanged(db, [procedureCode]);
  return rows.length > 0 ? 'added' : 'exists';
}

/** A procedure is offered while the latest decision already in force publishes or amends it, not abolishes it. */
function offeredOn(today: string) {
  return sql<boolean>`(
    SELECT pp.kind <> 'abolish' FROM procedure_publications pp
    WHERE pp.procedure_code = procedures.code AND pp.effective_date <= ${today}::date
    ORDER BY pp.effective_date DESC, pp.id DESC LIMIT 1
  ) IS TRUE`;
}

export interface ProcedureQuery {
  q?: string;
  field?: string;
  level?: 'province' | 'commune';
  agencyKind?: string;
  today: string;
  page: number;
  pageSize: number;
}

const summaryColumns = [
  'code',
  'name',
  'field_code',
  'levels',
  'time_limit',
  'online_level',
  'channels',
] as const;

export async function searchProcedures(db: Kysely<Database>, query: ProcedureQuery) {
  const folded = query.q ? foldForSearch(query.q) : '';
  let select = db
    .selectFrom('procedures')
    .innerJoin('fields', 'fields.code', 'procedures.field_code')
    .where(offeredOn(query.today));
  if (query.field) {
    const field = query.field;
    select = select.where((eb) => eb.or([eb('fields.code', '=', field), eb('fields.name', '=', field)]));
  }
  if (query.level) select = select.where(sql<boolean>`${query.level} = ANY(procedures.levels)`);
  if (query.agencyKind)
    select = select.where(sql<boolean>`${query.agencyKind} = ANY(procedures.agency_kinds)`);
  if (folded) select = select.where(matchesFolded(folded, 'procedures.search_text'));
  const rows = await select
    .select(summaryColumns.map((c) => `procedures.${c}` as const))
    .select(['fields.name as field_name', sql<number>`count(*) over ()`.as('total')])
    .orderBy(folded ? rankByFolded(folded, 'procedures.search_text') : sql`1`)
    .orderBy('procedures.name')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  // Past the last page the window count has no row to ride on: ask page 1 for the total.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1)
    total = (await searchProcedures(db, { ...query, page: 1, pageSize: 1 })).total;
  return {
    items: rows.map((row) => ({
      code: row.code,
      name: row.name,
      field: row.field_name,
      fieldCode: row.field_code,
      level: row.levels,
      timeLimit: row.time_limit as unknown as TimeLimit,
      onlineLevel: row.online_level,
      channels: row.channels,
    })),
    total,
  };
}

export async function findProcedure(
  db: Kysely<Database>,
  code: string,
  today: string,
  includeUnpublished = false,
) {
  let select = db
    .selectFrom('procedures')
    .innerJoin('fields', 'fields.code', 'procedures.field_code')
    .selectAll('procedures')
    .select(['fields.name as field_name', offeredOn(today).as('offered')])
    .where('procedures.code', '=', code);
  if (!includeUnpublished) select = select.where(offeredOn(today));
  const row = await select.executeTakeFirst();
  if (!row || row.version_id === null) return null;
  const { content } = await procedureVersion(db, row.version_id);
  const publications = await db
    .selectFrom('procedure_publications')
    .select(['kind', 'decision_number', 'decision_date', 'effective_date', 'note'])
    .where('procedure_code', '=', code)
    .orderBy('effective_date')
    .orderBy('id')
    .execute();
  return {
    ...content,
    code: row.code,
    field: row.field_name,
    fieldCode: row.field_code,
    level: row.levels,
    agencyKinds: row.agency_kinds,
    competentAgency: row.competent_agency_text,
    ministry: row.ministry,
    receivedAtCentre: row.received_at_centre,
    internal: row.internal,
    sourceUrl: row.source_url,
    versionId: row.version_id,
    offered: row.offered,
    publications: publications.map((p) => ({
      kind: p.kind,
      decisionNumber: p.decision_number,
      decisionDate: p.decision_date,
      effectiveDate: p.effective_date,
      note: p.note,
    })),
  };
}

export interface IntakeProcedure {
  code: string;
  levels: string[];
  handlingAgencyCode: string | null;
  version: ProcedureVersion;
}

/**
 * What intake reads of a procedure, by code and day, kept in memory: every counter and every online filing
 * asks for it. Dropped when the catalogue changes here or on another server process (announced "catalog"
 * change) and after a minute at most.
 */
const intakeProcedures = new LRUCache<string, { value: IntakeProcedure | null }>({
  max: 10_000,
  ttl: 60_000,
});

export function forgetCatalog(): void {
  intakeProcedures.clear();
}

/** What intake needs of a procedure offered today: routing and its current content version. */
export async function procedureForIntake(db: Kysely<Database>, code: string, today: string) {
  const key = `${code}|${today}`;
  const cached = intakeProcedures.get(key);
  if (cached) return cached.value;
  const value = await readProcedureForIntake(db, code, today);
  intakeProcedures.set(key, { value });
  return value;
}

async function readProcedureForIntake(
  db: Kysely<Database>,
  code: string,
  today: string,
): Promise<IntakeProcedure | null> {
  const row = await db
    .selectFrom('procedures')
    .select(['code', 'levels', 'handling_agency_code', 'version_id'])
    .where('code', '=', code)
    .where(offeredOn(today))
    .executeTakeFirst();
  if (!row || row.version_id === null) return null;
  return {
    code: row.code,
    levels: row.levels,
    handlingAgencyCode: row.handling_agency_code,
    version: await procedureVersion(db, row.version_id),
  };
}

export async function procedureExists(db: Kysely<Database>, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('procedures').select('code').where('code', '=', code).executeTakeFirst()) !==
    undefined
  );
}

export async function listFields(db: Kysely<Database>, today: string) {
  const rows = await db
    .selectFrom('fields')
    .leftJoin('procedures', (join) =>
      join.onRef('procedures.field_code', '=', 'fields.code').on(offeredOn(today)),
    )
    .select(['fields.code', 'fields.name', sql<number>`count(procedures.code)`.as('procedureCount')])
    .groupBy(['fields.code', 'fields.name'])
    .having(sql<number>`count(procedures.code)`, '>', 0)
    .orderBy('fields.name')
    .execute();
  return rows;
}
