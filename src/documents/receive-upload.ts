import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { cleanString } from '../shared/clean-input.js';
import { AppError } from '../shared/errors.js';
import { tooLarge } from './refusal.js';
import type { DocumentServices } from './services.js';
import { pdfSignatures } from './signature-summary.js';
import { type SniffedFile, sniffFile } from './sniff.js';
import { insertStoredFile, insertUpload, type SignatureSummary } from './store.js';

/** An upload as its uploader is told of it. */
export type ReceivedUpload = Omit<AcceptedFile, 'scannedAt'> & { id: string };

/**
 * Reads the stream up to the limit and no further: a longer stream is refused as soon as it passes the limit,
 * so an oversized upload never sits whole in memory.
 */
export async function readBounded(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge(`vượt quá ${maxBytes} byte`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The name as given, without folders, cleaned like every text input and bounded; a placeholder when empty. */
export function uploadName(raw: string | undefined): string {
  const base = cleanString(raw ?? '', 'file.name')
    .split(/[\\/]/)
    .pop()
    ?.replace(/\p{Cc}/gu, '')
    .trim();
  return (base || 'tep-dinh-kem').slice(0, 255);
}

/** A file checked and its content stored, not yet recorded: its row is written with what refers to it. */
export interface AcceptedFile {
  name: string;
  sha256: string;
  bytes: number;
  mime: string;
  kind: SniffedFile['kind'];
  pages: number | null;
  scan: 'clean' | 'not_scanned';
  scanner: string | null;
  scannedAt: Date | null;
  signatures: SignatureSummary[];
}

/**
 * Checks one uploaded file: its type is sniffed from the content (never the name) and checked against the
 * limits, a PDF's digital signatures are verified, the virus scanner (when there is one) has its say, and
 * only then is its content stored by its SHA-256. Any refusal comes before anything is stored. The caller
 * records it (`recordStoredFile`) in the transaction that refers to it.
 */
export async function acceptFile(
  services: DocumentServices,
  upload: { stream: Readable; name: string | undefined },
): Promise<AcceptedFile> {
  const name = uploadName(upload.name);
  const bytes = await readBounded(upload.stream, services.limits.maxBytes);
  const sniffed = await sniffFile(bytes, services.limits);
  const signatures = sniffed.kind === 'pdf' ? await pdfSignatures(bytes, services.trustedRoots) : [];
  const verdict = await services.scanner.scan(bytes);
  if (verdict.status === 'infected') {
    throw new AppError(
      'FILE_INFECTED',
      `Tệp "${name}" chứa mã độc (${verdict.signature}) và không được nhận. Vui lòng kiểm tra lại máy của bạn.`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await services.files.put(sha256, bytes);
  return {
    name,
    sha256,
    bytes: bytes.byteLength,
    mime: sniffed.mime,
    kind: sniffed.kind,
    pages:
      sniffed.kind === 'pdf' ? sniffed.pages : sniffed.kind === 'docx' || sniffed.kind === 'xlsx' ? null : 1,
    scan: verdict.status,
    scanner: verdict.scanner,
    scannedAt: verdict.status === 'clean' ? new Date() : null,
    signatures,
  };
}

export async function recordStoredFile(db: Kysely<Database>, file: AcceptedFile): Promise<void> {
  await insertStoredFile(db, {
    sha256: file.sha256,
    bytes: file.bytes,
    mime: file.mime,
    kind: file.kind,
    pages: file.pages,
    scanStatus: file.scan,
    scanner: file.scanner,
    scannedAt: file.scannedAt,
    signatures: file.signatures,
  });
}

/** Receives one uploaded file (`acceptFile`) and records it as this person's upload. */
export async function receiveUpload(
  services: DocumentServices,
  db: Kysely<Database>,
  uploaderId: number,
  upload: { stream: Readable; name: string | undefined },
): Promise<ReceivedUpload> {
  const file = await acceptFile(services, upload);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await recordStoredFile(trx, file);
    await insertUpload(trx, { id, sha256: file.sha256, name: file.name, uploadedBy: uploaderId });
  });
  return {
    id,
    name: file.name,
    sha256: file.sha256,
    bytes: file.bytes,
    mime: file.mime,
    kind: file.kind,
    pages: file.pages,
    scan: file.scan,
    scanner: file.scanner,
    signatures: file.signatures,
  };
}
