import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReadProgress,
  type ReadRecord,
  RecordSourceError,
  readNationalRecords,
} from './read-records.js';

const SHIPPED = path.join(import.meta.dirname, 'data', 'procedures.jsonl.gz');

async function readAll(source: string) {
  const progress: ReadProgress[] = [];
  const records: ReadRecord[] = [];
  for await (const record of readNationalRecords(source, { onProgress: (p) => progress.push(p) })) {
    records.push(record);
  }
  return { records, progress };
}

describe('reading national records', () => {
  let dir: string;
  let lines: string[];
  let content: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'motcua-national-'));
    lines = gunzipSync(await readFile(SHIPPED))
      .toString('utf8')
      .split('\n')
      .slice(0, 2);
    const [first = '', second = ''] = lines;
    content = [first, '', first.slice(0, 120), '["1.000253"]', '{"ma_thu_tuc": "1.000254"}', second, ''].join(
      '\n',
    );
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const expectLines = (records: ReadRecord[]) => {
    expect(records.map((r) => [r.line, r.ok ? 'ok' : r.code])).toEqual([
      [1, 'ok'],
      [3, 'INVALID_JSON'],
      [4, 'NOT_AN_OBJECT'],
      [5, 'MISSING_FIELDS'],
      [6, 'ok'],
    ]);
    const bad = records.find((r) => !r.ok);
    expect(bad).toMatchObject({ message: expect.stringMatching(/, dòng 3: không phải JSON hợp lệ/) });
    expect(records[3]).toMatchObject({ message: expect.stringContaining('ten_thu_tuc') });
    expect(records[0]).toMatchObject({ ok: true, record: { ma_thu_tuc: '1.000253' } });
  };

  it('reads gzip JSON Lines, reporting each malformed line with its number', async () => {
    const file = path.join(dir, 'records.jsonl.gz');
    const bytes = gzipSync(Buffer.from(content));
    await writeFile(file, bytes);
    const { records, progress } = await readAll(file);
    expectLines(records);
    expect(progress.at(-1)).toEqual({ done: bytes.length, total: bytes.length, unit: 'bytes' });
  });

  it('reads plain JSON Lines the same way, whatever the file is named', async () => {
    const file = path.join(dir, 'records.jsonl.gz.txt');
    await writeFile(file, content);
    const { records, progress } = await readAll(file);
    expectLines(records);
    expect(progress.at(-1)?.done).toBe(Buffer.byteLength(content));
  });

  it('reads a directory of .json files, one record each', async () => {
    const folder = path.join(dir, 'folder');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a.json'), lines[0] ?? '');
    await writeFile(path.join(folder, 'b.json'), '{"ma_thu_tuc": ');
    await writeFile(path.join(folder, 'notes.txt'), 'not a record');
    const { records, progress } = await readAll(folder);
    expect(records.map((r) => [path.basename(r.source), r.ok])).toEqual([
      ['a.json', true],
      ['b.json', false],
    ]);
    expect(progress).toEqual([
      { done: 1, total: 2, unit: 'files' },
      { done: 2, total: 2, unit: 'files' },
    ]);
  });

  it('fails loudly on a missing source or a broken gzip', async () => {
    await expect(readAll(path.join(dir, 'missing.jsonl'))).rejects.toBeInstanceOf(RecordSourceError);
    const broken = path.join(dir, 'broken.jsonl.gz');
    const bytes = gzipSync(Buffer.from(content));
    await writeFile(broken, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readAll(broken)).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });
});
