import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The key a submitter gets once, with which they follow their feedback, clarify it and rate the answer
 * without an account (anonymous feedback is allowed). Only its SHA-256 is stored.
 */
export function newAccessKey(): { key: string; hash: string } {
  const key = randomBytes(18).toString('base64url');
  return { key, hash: hashAccessKey(key) };
}

export function hashAccessKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function accessKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashAccessKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
