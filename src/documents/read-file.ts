import { buffer } from 'node:stream/consumers';
import type { DocumentServices } from './services.js';

/** The whole content of a stored file (files are bounded by the upload limits). */
export async function readStoredFile(services: DocumentServices, sha256: string): Promise<Buffer> {
  return buffer(await services.files.open(sha256));
}
