import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { type FileStore, isSha256 } from './file-store.js';

/** `ab/cd/abcd…`: two levels of 256 folders keep any one folder small at millions of files. */
function relativePath(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Files in a directory of the data directory (`MOTCUA_DATA_DIR/files` by default, which `motcua backup`
 * copies). Each file is written under a temporary name beside the others and renamed into place, so a
 * reader never sees half a file and a crash leaves at most a temporary file behind.
 */
export function localFileStore(root: string): FileStore {
  const spool = path.join(root, '.incoming');
  const exists = async (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );
  return {
    async put(sha256, bytes) {
      const target = path.join(root, relativePath(sha256));
      if (await exists(target)) return;
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(spool, { recursive: true });
      const temporary = path.join(spool, randomUUID());
      try {
        await writeFile(temporary, bytes, { flush: true });
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
    },
    has: (sha256) => exists(path.join(root, relativePath(sha256))),
    async open(sha256) {
      const file = path.join(root, relativePath(sha256));
      if (!(await exists(file)))
        throw new AppError('FILE_MISSING', 'Không tìm thấy nội dung tệp trong kho lưu trữ.');
      return createReadStream(file);
    },
  };
}
