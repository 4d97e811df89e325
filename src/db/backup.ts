import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrate } from './migrate.js';

/**
 * Backups are logical copies taken by the application itself: the embedded PostgreSQL package ships no
 * pg_dump, and Debian's pg_dump is older than the server it would read (ADR 0011). Every table of the schema is
 * copied with COPY inside one REPEATABLE READ transaction — one snapshot, so the copy is consistent while the
 * server keeps working — gzip-compressed, with a SHA-256 per file in a manifest. Restore checks every checksum,
 * recreates the schema with the migrations the backup was taken at, loads the rows and sets the sequences.
 */
export interface BackupManifest {
  format: 'motcua-backup-1';
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number; file: string; sha256: string }[];
  sequences: { name: string; value: number; called: boolean }[];
  files: { path: string; bytes: number; sha256: string }[];
}

export type BackupProgress = (step: string, done: number, total: number) => void;

const MANIFEST = 'manifest.json';

/** Counts rows and hashes bytes as they stream past. */
class Tally extends Transform {
  readonly hash = createHash('sha256');
  rows = 0;
  constructor(private readonly countRows: boolean) {
    super();
  }
  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    if (this.countRows) for (const byte of chunk) if (byte === 0x0a) this.rows++;
    this.hash.update(chunk);
    done(null, chunk);
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const tally = new Tally(false);
  await pipeline(createReadStream(file), tally, new PassThrough().resume());
  return tally.hash.digest('hex');
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, full)));
    else if (entry.isFile()) out.push(path.relative(root, full));
  }
  return out.sort();
}

/** The tables of the schema (public), in name order; foreign keys are not checked while restoring. */
async function tableNames(client: pg.PoolClient): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return result.rows.map((r) => r.name);
}

/** Writes a consistent backup of the database (and of the stored files, when there are any) into `dir`. */
export async function backupDatabase(
  pool: pg.Pool,
  dir: string,
  options: { filesDir?: string; onProgress?: BackupProgress } = {},
): Promise<BackupManifest> {
  await mkdir(path.join(dir, 'tables'), { recursive: true });
  if (existsSync(path.join(dir, MANIFEST))) throw new Error(`${dir} already holds a backup`);
  const client = await pool.connect();
  const manifest: BackupManifest = {
    format: 'motcua-backup-1',
    createdAt: new Date().toISOString(),
    migrations: [],
    tables: [],
    sequences: [],
    files: [],
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    manifest.migrations = (
      await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    ).rows.map((r) => r.name);
    const tables = (await tableNames(client)).filter((name) => name !== 'schema_migrations');
    for (const [index, name] of tables.entries()) {
      const file = `tables/${name}.copy.gz`;
      const tally = new Tally(true);
      await pipeline(
        client.query(copyTo(`COPY "${name}" TO STDOUT`)),
        tally,
        createGzip(),
        createWriteStream(path.join(dir, file)),
      );
      manifest.tables.push({
        name,
        rows: tally.rows,
        file,
        sha256: await sha256OfFile(path.join(dir, file)),
      });
      options.onProgress?.('tables', index + 1, tables.length);
    }
    const sequences = await client.query<{ name: string }>(
      `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    for (const { name } of sequences.rows) {
      const value = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value, is_called FROM "${name}"`,
      );
      const row = value.rows[0];
      if (row) manifest.sequences.push({ name, value: Number(row.last_value), called: row.is_called });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  if (options.filesDir) {
    const files = await listFiles(options.filesDir);
    for (const [index, relative] of files.entries()) {
      const target = path.join(dir, 'files', relative);
      await mkdir(path.dirname(target), { recursive: true });
      await cp(path.join(options.filesDir, relative), target);
      manifest.files.push({
        path: relative,
        bytes: (await stat(target)).size,
        sha256: await sha256OfFile(target),
      });
      options.onProgress?.('files', index + 1, files.length);
    }
  }
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads a backup's manifest and checks every file against its checksum; throws on the first mismatch. */
export async function checkBackup(dir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as BackupManifest;
  if (manifest.format !== 'motcua-backup-1') throw new Error('không phải bản sao lưu của motcua');
  for (const table of manifest.tables)
    if ((await sha256OfFile(path.join(dir, table.file))) !== table.sha256)
      throw new Error(`tệp ${table.file} đã bị thay đổi hoặc hỏng (sai mã SHA-256)`);
  for (const file of manifest.files)
    if ((await sha256OfFile(path.join(dir, 'files', file.path))) !== file.sha256)
      throw new Error(`tệp ${file.path} đã bị thay đổi hoặc hỏng (sai mã SHA-256)`);
  return manifest;
}

/**
 * Restores a backup into an empty database (and its files into `filesDir`): the checksums first, then the
 * schema as it was, the rows, the sequences, then any migration newer than the backup. Refuses a database
 * that already holds data.
 */
export async function restoreDatabase(
  pool: pg.Pool,
  dir: string,
  options: { filesDir?: string; onProgress?: BackupProgress } = {},
): Promise<BackupManifest> {
  const manifest = await checkBackup(dir);
  const existing = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
  );
  if ((existing.rows[0]?.n ?? 0) > 0)
    throw new Error('cơ sở dữ liệu đích không trống: chỉ khôi phục vào CSDL mới');
  await migrate(pool, { only: manifest.migrations });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Rows go in as they were: no trigger (append-only guards, derived rows) and no foreign-key check fires.
    await client.query('SET LOCAL session_replication_role = replica');
    const present = new Set(await tableNames(client));
    for (const [index, table] of manifest.tables.entries()) {
      if (!present.has(table.name)) throw new Error(`bảng ${table.name} không có trong lược đồ khôi phục`);
      await client.query(`DELETE FROM "${table.name}"`);
      await pipeline(
        createReadStream(path.join(dir, table.file)),
        createGunzip(),
        client.query(copyFrom(`COPY "${table.name}" FROM STDIN`)),
      );
      options.onProgress?.('tables', index + 1, manifest.tables.length);
    }
    for (const sequence of manifest.sequences)
      await client.query('SELECT setval($1, $2, $3)', [sequence.name, sequence.value, sequence.called]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  await migrate(pool);
  if (options.filesDir) {
    for (const [index, file] of manifest.files.entries()) {
      const target = path.join(options.filesDir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await cp(path.join(dir, 'files', file.path), target);
      options.onProgress?.('files', index + 1, manifest.files.length);
    }
  }
  return manifest;
}
