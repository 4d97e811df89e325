import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * One value in PostgreSQL's COPY text format. JS arrays become PostgreSQL arrays (text[]) and other
 * objects JSON; a JSON column that holds an array must be given as a JSON string.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return `{${value.map((v) => `"${String(v).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`.replace(
      /\\/g,
      '\\\\',
    );
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** Streams rows into a table with COPY … FROM STDIN on the given client. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const lines = (function* () {
    for (const row of rows) yield `${row.map(copyValue).join('\t')}\n`;
  })();
  await pipeline(Readable.from(lines), stream);
}
