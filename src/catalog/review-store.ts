import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { matchesFolded } from '../db/text-search.js';
import { foldForSearch } from '../shared/text.js';
import { type ReviewItem, reviewItemSchema } from './national/model.js';

/**
 * Replaces the review items of imported records: a record with items gets its row (unchanged items leave the row
 * as it was, so a repeated import changes nothing); a record parsed in full loses any row an earlier import left.
 */
export async function saveImportReviews(
  db: Kysely<Database>,
  reviews: { code: string; items: ReviewItem[] }[],
): Promise<void> {
  const withItems = reviews.filter((review) => review.items.length > 0);
  const clean = reviews.filter((review) => review.items.length === 0).map((review) => review.code);
  if (clean.length > 0)
    await db.deleteFrom('procedure_import_reviews').where('procedure_code', 'in', clean).execute();
  if (withItems.length === 0) return;
  await db
    .insertInto('procedure_import_reviews')
    .values(
      withItems.map(({ code, items }) => ({
        procedure_code: code,
        source: 'national' as const,
        items: JSON.stringify(items),
        item_count: items.length,
        codes: [...new Set(items.map((item) => item.code))],
      })),
    )
    .onConflict((oc) =>
      oc
        .column('procedure_code')
        .doUpdateSet((eb) => ({
          items: eb.ref('excluded.items'),
          item_count: eb.ref('excluded.item_count'),
          codes: eb.ref('excluded.codes'),
          imported_at: sql`now()`,
        }))
        .where(sql<boolean>`procedure_import_reviews.items IS DISTINCT FROM excluded.items`),
    )
    .execute();
}

export interface ReviewQuery {
  q?: string;
  field?: string;
  /** Only records with an item of this code (e.g. "channel_time_unit_missing"). */
  reason?: string;
  page: number;
  pageSize: number;
}

/** The review queue: one entry per record, most items first. */
export async function listImportReviews(db: Kysely<Database>, query: ReviewQuery) {
  let select = db
    .selectFrom('procedure_import_reviews as r')
    .innerJoin('procedures as p', 'p.code', 'r.procedure_code')
    .innerJoin('fields as f', 'f.code', 'p.field_code');
  const folded = query.q ? foldForSearch(query.q) : '';
  if (folded) select = select.where(matchesFolded(folded, 'p.search_text'));
  if (query.field) {
    const field = query.field;
    select = select.where((eb) => eb.or([eb('f.code', '=', field), eb('f.name', '=', field)]));
  }
  if (query.reason) select = select.where(sql<boolean>`${query.reason} = ANY(r.codes)`);
  const rows = await select
    .select([
      'r.procedure_code',
      'p.name',
      'f.name as field',
      'r.item_count',
      'r.codes',
      'r.imported_at',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('r.item_count', 'desc')
    .orderBy('r.procedure_code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((row) => ({
      code: row.procedure_code,
      name: row.name,
      field: row.field,
      itemCount: row.item_count,
      reasons: row.codes,
      importedAt: row.imported_at.toISOString(),
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** One record's review items, verbatim; null when the record needs no review. */
export async function importReview(db: Kysely<Database>, code: string) {
  const row = await db
    .selectFrom('procedure_import_reviews')
    .select(['items', 'imported_at'])
    .where('procedure_code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  return {
    importedAt: row.imported_at.toISOString(),
    items: (row.items as unknown[]).map((item) => reviewItemSchema.parse(item)),
  };
}

/** How many records wait for review, by reason (for the queue's filter). */
export async function reviewCounts(db: Kysely<Database>) {
  const rows = await sql<{ code: string; records: number }>`
    SELECT code, count(*)::int AS records FROM procedure_import_reviews, unnest(codes) AS code
    GROUP BY code ORDER BY records DESC, code`.execute(db);
  return rows.rows;
}

/**
 * Procedures offered less than fully online whose current version publishes no reason (Decree 224/2026 art. 14):
 * the controllers' list of full-online reviews still to do, by field and code.
 */
export async function proceduresLackingOnlineReason(db: Kysely<Database>, page: number, pageSize: number) {
  const rows = await db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', 'v.id', 'p.version_id')
    .innerJoin('fields as f', 'f.code', 'p.field_code')
    .select([
      'p.code',
      'p.name',
      'f.name as field',
      'p.online_level',
      'p.channels',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('p.online_level', '<>', 'full')
    .where('p.internal', '=', false)
    .where(sql<boolean>`jsonb_typeof(v.content -> 'onlineReason') IS DISTINCT FROM 'object'`)
    .orderBy('f.name')
    .orderBy('p.code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((row) => ({
      code: row.code,
      name: row.name,
      field: row.field,
      onlineLevel: row.online_level,
      channels: row.channels,
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}
