import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements for the hottest writes. A statement whose text starts with `/* prepare <name> *\/`
 * is parsed and planned once per connection and then only bound and executed: the writer's statements are a
 * few kilobytes of SQL over a dozen tables, and planning them on every call cost the database about 0.6 ms of
 * CPU per intake (measured with `pg_stat_statements.track_planning` at 1 M dossiers). Every other query goes as
 * before. Only statements with a fixed text and plans that do not depend on their values (writes by key) are
 * marked.
 *
 * The statement's name carries a hash of its text, so a text that changes (a new release) is prepared anew. When
 * a migration changes a table under a running server, PostgreSQL refuses the old prepared statement ("cached
 * plan must not change result type"); the connection then prepares it again under a new name, at once outside a
 * transaction (the call is retried), and from the next call inside one.
 */
const NAME = '[a-z_]+';
const MARKER = new RegExp(`^/\\* prepare (${NAME}) \\*/`);
const WHOLE_NAME = new RegExp(`^${NAME}$`);

interface PgError {
  code?: string;
  routine?: string;
  message?: string;
}

/** "cached plan must not change result type": SQLSTATE 0A000 raised where a cached plan is revalidated. */
function planChanged(error: PgError | undefined): boolean {
  return (
    error?.code === '0A000' &&
    (error.routine === 'RevalidateCachedQuery' || (error.message ?? '').includes('cached plan'))
  );
}

const patched = new WeakSet<pg.ClientBase>();

/**
 * At most this many statements are kept prepared on one connection; statements beyond them go unnamed (planned
 * per call, as unmarked ones). Each kept statement holds its plan in the database's session, and a built query
 * has a text per shape (the queue's scope, status filter, cursor), so without a bound a long-lived connection
 * would keep every shape it ever ran.
 */
export const MAX_PREPARED_PER_CONNECTION = 64;

export function preparesMarkedStatements(
  client: pg.ClientBase,
  maxPrepared = MAX_PREPARED_PER_CONNECTION,
): void {
  if (patched.has(client)) return;
  patched.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let generation = 0;
  let inTransaction = false;
  /** The name of each text kept prepared (the text's hash is taken once, not on every call). */
  const kept = new Map<string, string>();
  const named = (text: string, marker: string, values: unknown) => {
    let name = kept.get(text);
    if (name === undefined) {
      if (kept.size >= maxPrepared) return { text, values };
      name = `${marker}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}_${generation}`;
      kept.set(text, name);
    }
    return { name, text, values };
  };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string') {
      const command = text.trimStart().slice(0, 12).toLowerCase();
      if (command.startsWith('begin') || command.startsWith('start tr')) inTransaction = true;
      // A rollback to a savepoint stays inside the transaction.
      else if (/^(commit|end|abort|rollback(?! to))/.test(command)) inTransaction = false;
    }
    // Only the promise forms (text, values?): a call with a callback goes as it came.
    const promised = args.length <= 2 && typeof values !== 'function';
    const marker = typeof text === 'string' && promised ? MARKER.exec(text)?.[1] : undefined;
    if (!marker) return query(...args);
    return (query(named(text as string, marker, values)) as Promise<unknown>).catch((error: PgError) => {
      if (!planChanged(error)) throw error;
      generation++;
      // Every statement of the old generation is to be prepared anew (the old ones stay until the session ends).
      kept.clear();
      if (inTransaction) throw error;
      return query(named(text as string, marker, values));
    });
  };
}

/**
 * Runs a query built with Kysely as a prepared statement named `marker` (its text is hashed into the name, so
 * each shape a builder makes is its own statement). For hot reads by key or by an index range whose plan does not
 * depend on the values: planning the officer queue's two statements cost the database 1.2 ms of each page's
 * 3.4 ms (`pg_stat_statements` at 1 M dossiers). Not for searches whose plan depends on the words searched.
 */
export async function preparedRows<O>(
  db: { executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> },
  marker: string,
  query: Compilable<O>,
): Promise<O[]> {
  if (!WHOLE_NAME.test(marker)) throw new Error(`not a statement name: ${marker}`);
  const compiled = query.compile();
  const { rows } = await db.executeQuery<O>({ ...compiled, sql: `/* prepare ${marker} */ ${compiled.sql}` });
  return rows;
}
