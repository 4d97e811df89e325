import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/ports.js';
import { AppError } from '../../shared/errors.js';
import type { FileStore } from './file-store.js';
import { localFileStore } from './local-file-store.js';
import { s3FileStore } from './s3-file-store.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What every adapter must do, run against each. */
function behavesAsAFileStore(name: string, store: () => FileStore) {
  describe(name, () => {
    const content = Buffer.from('%PDF-1.7 nội dung thử nghiệm — Ủy ban nhân dân phường Ninh Kiều\n');
    const hash = sha256(content);

    it('stores content under its hash and gives the same bytes back', async () => {
      expect(await store().has(hash)).toBe(false);
      await store().put(hash, content);
      expect(await store().has(hash)).toBe(true);
      const back = await buffer(await store().open(hash));
      expect(back.equals(content)).toBe(true);
      expect(sha256(back)).toBe(hash);
    });

    it('storing the same content again changes nothing', async () => {
      await store().put(hash, content);
      await store().put(hash, content);
      expect((await buffer(await store().open(hash))).equals(content)).toBe(true);
    });

    it('holds a 5 MB file intact', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
      const bigHash = sha256(big);
      await store().put(bigHash, big);
      expect(sha256(await buffer(await store().open(bigHash)))).toBe(bigHash);
    });

    it('answers FILE_MISSING for a hash it does not hold', async () => {
      const absent = sha256(Buffer.from('không có'));
      expect(await store().has(absent)).toBe(false);
      const error = await store()
        .open(absent)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('FILE_MISSING');
    });

    it('refuses a name that is not a SHA-256 (no path can be smuggled in)', async () => {
      await expect(store().put('../../etc/passwd', content)).rejects.toThrow(/not a SHA-256/);
    });
  });
}

let root: string;
let s3Dir: string;
let s3: S3rver;
let s3Store: ReturnType<typeof s3FileStore>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'motcua-files-'));
  s3Dir = await mkdtemp(path.join(tmpdir(), 'motcua-s3-'));
  const port = await freePort();
  // s3rver speaks the S3 REST protocol over HTTP on loopback, keeping objects in a directory.
  s3 = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'motcua-test', configs: [] }],
  });
  await s3.run();
  s3Store = s3FileStore({
    bucket: 'motcua-test',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    prefix: 'files/',
  });
});

afterAll(async () => {
  s3Store?.close();
  await s3?.close();
  await rm(root, { recursive: true, force: true });
  await rm(s3Dir, { recursive: true, force: true });
});

behavesAsAFileStore('local directory', () => localFileStore(root));
behavesAsAFileStore('S3-compatible bucket', () => s3Store);

describe('local directory layout', () => {
  it('spreads files over two levels of folders and leaves no temporary file behind', async () => {
    const store = localFileStore(root);
    const content = Buffer.from('tệp thứ hai');
    const hash = sha256(content);
    await store.put(hash, content);
    expect(await readdir(path.join(root, hash.slice(0, 2), hash.slice(2, 4)))).toContain(hash);
    expect(await readdir(path.join(root, '.incoming'))).toEqual([]);
  });
});
