import { createHash } from 'node:crypto';
import type { PendingWrites } from './pending-writes.js';
import type { DocumentServices } from './services.js';
import { sniffFile } from './sniff.js';
import { type FileRef, insertStoredFile } from './store.js';

/**
 * Stores a file this system made (a signed result, a scan set's seal, scans assembled into a PDF). It is
 * checked like an upload, so nothing unreadable is kept, but not scanned: it is built from files that were.
 * Its row is written with the event that names it (`pending`).
 */
export async function storeProducedPdf(
  services: DocumentServices,
  pending: PendingWrites,
  pdf: Uint8Array,
  name: string,
): Promise<FileRef> {
  const sniffed = await sniffFile(pdf, {
    ...services.limits,
    maxBytes: Math.max(services.limits.maxBytes, pdf.byteLength),
  });
  if (sniffed.kind !== 'pdf') throw new Error(`produced file ${name} is not a PDF`);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await services.files.put(sha256, pdf);
  pending.add((db) =>
    insertStoredFile(db, {
      sha256,
      bytes: pdf.byteLength,
      mime: sniffed.mime,
      kind: 'pdf',
      pages: sniffed.pages,
      scanStatus: 'not_scanned',
      scanner: null,
      scannedAt: null,
      signatures: [],
    }),
  );
  return { sha256, name, bytes: pdf.byteLength, mime: sniffed.mime, pages: sniffed.pages };
}
