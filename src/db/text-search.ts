import { type RawBuilder, sql } from 'kysely';

/**
 * Accent-insensitive, typo-tolerant matching over a column of folded text (ADR 0004): the folded query
 * is contained in it, or its trigram word similarity passes pg_trgm's threshold. `folded` comes from
 * foldForSearch, so it holds only letters, digits and spaces (nothing LIKE would treat as a wildcard).
 */
export function matchesFolded(folded: string, column: string): RawBuilder<boolean> {
  const ref = sql.ref(column);
  return sql<boolean>`(${ref} LIKE ${`%${folded}%`} OR ${folded} <% ${ref})`;
}

/** Best matches first: containment, then word similarity, then whole-text similarity (shorter, closer names). */
export function rankByFolded(folded: string, column: string): RawBuilder<unknown> {
  const ref = sql.ref(column);
  return sql`(${ref} LIKE ${`%${folded}%`}) DESC, word_similarity(${folded}, ${ref}) DESC, similarity(${folded}, ${ref}) DESC`;
}
