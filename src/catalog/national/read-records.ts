import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type RawNationalRecord, rawNationalRecordSchema } from './model.js';

export type RecordErrorCode = 'INVALID_JSON' | 'NOT_AN_OBJECT' | 'MISSING_FIELDS';

/** A record as read, or why the line (or file) holding it is not one. Nothing is skipped silently. */
export type ReadRecord =
  | { ok: true; source: string; line: number; record: RawNationalRecord }
  | { ok: false; source: string; line: number; code: RecordErrorCode; message: string; text: string };

export interface ReadProgress {
  done: number;
  total: number;
  /** Bytes of the file as stored (compressed when gzip), or files of a directory. */
  unit: 'bytes' | 'files';
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
}

/** The whole source cannot be read (missing, not a file or directory, broken gzip). */
export class RecordSourceError extends Error {
  readonly code = 'SOURCE_UNREADABLE';
}

const GZIP_MAGIC = [0x1f, 0x8b];
const EXCERPT = 200;

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** Checks one JSON text as a national record; the message is for people, the code for programs. */
function toRecord(text: string, source: string, line: number): ReadRecord {
  const where = `${path.basename(source)}, dòng ${line}`;
  const excerpt = text.slice(0, EXCERPT);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      source,
      line,
      code: 'INVALID_JSON',
      message: `${where}: không phải JSON hợp lệ (${reason})`,
      text: excerpt,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      source,
      line,
      code: 'NOT_AN_OBJECT',
      message: `${where}: bản ghi phải là một đối tượng JSON`,
      text: excerpt,
    };
  }
  const parsed = rawNationalRecordSchema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    return {
      ok: false,
      source,
      line,
      code: 'MISSING_FIELDS',
      message: `${where}: thiếu hoặc sai kiểu trường ${fields}`,
      text: excerpt,
    };
  }
  return { ok: true, source, line, record: parsed.data };
}

async function* readLines(file: string, options: ReadOptions): AsyncGenerator<ReadRecord> {
  const total = (await stat(file)).size;
  const gzip = await isGzip(file);
  const raw = createReadStream(file);
  let done = 0;
  raw.on('data', (chunk) => {
    done += chunk.length;
    options.onProgress?.({ done, total, unit: 'bytes' });
  });
  let input: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    input = raw.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const content = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (content) yield toRecord(content, file, line);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RecordSourceError(`Không đọc được ${path.basename(file)} sau dòng ${line}: ${reason}`);
  }
}

async function* readDirectory(directory: string, options: ReadOptions): AsyncGenerator<ReadRecord> {
  const files = (await readdir(directory)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  for (const [index, name] of files.entries()) {
    const file = path.join(directory, name);
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').trim();
    yield toRecord(text, file, 1);
    options.onProgress?.({ done: index + 1, total: files.length, unit: 'files' });
  }
}

/**
 * Streams national records from a JSON Lines file (gzip or not: told by its first bytes) or from a directory of
 * `.json` files, one record each. Every line yields either a record or the reason it is not one.
 */
export async function* readNationalRecords(
  source: string,
  options: ReadOptions = {},
): AsyncGenerator<ReadRecord> {
  let kind: 'file' | 'directory';
  try {
    kind = (await stat(source)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RecordSourceError(`Không mở được ${source}: ${reason}`);
  }
  if (kind === 'directory') yield* readDirectory(source, options);
  else yield* readLines(source, options);
}
