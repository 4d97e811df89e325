import type { FileLimits } from './file-limits.js';
import type { Scanner } from './scanning/scanner.js';
import type { SigningPort } from './signing/signing-port.js';
import type { TimestampClient } from './signing/timestamp-client.js';
import type * as x509 from './signing/x509.js';
import type { FileStore } from './storage/file-store.js';

/** Limits on uploads: those of one file, and what one dossier may hold. */
export interface UploadLimits extends FileLimits {
  maxDossierBytes: number;
  maxDossierFiles: number;
}

/** What the documents module works with, built once at start from the configuration (`wiring.ts`). */
export interface DocumentServices {
  files: FileStore;
  scanner: Scanner;
  limits: UploadLimits;
  signing: SigningPort;
  /** Time-stamps signatures (PAdES B-T) when a time-stamp authority is configured. */
  timestamp: TimestampClient | null;
  /** The roots this deployment trusts: a signature chaining to one of them is "trusted". */
  trustedRoots: x509.X509Certificate[];
  /** Where QR codes on signed documents point: `<publicUrl>/xac-thuc/<code>`. */
  publicUrl: string;
}

/** The public verification page of a signed document. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/xac-thuc/${encodeURIComponent(code)}`;
}
