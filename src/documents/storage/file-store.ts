import type { Readable } from 'node:stream';

/**
 * Where file contents live, named by their SHA-256 (hex). A name is the hash of the content, so putting the
 * same content twice stores it once, and a file read back can be checked against its name.
 */
export interface FileStore {
  /** Stores the bytes under their hash; storing content that is already there changes nothing. */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  has(sha256: string): Promise<boolean>;
  /** The content as a stream; throws FILE_MISSING when the store has no such file. */
  open(sha256: string): Promise<Readable>;
}

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
