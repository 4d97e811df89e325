import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { agencyBriefs } from '../catalog/agency-store.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { readStoredFile } from './read-file.js';
import type { DocumentServices } from './services.js';
import { readSignatureFields } from './signing/pdf-signature-fields.js';
import { verifyPdf } from './signing/verify-pdf.js';
import { signedDocumentsWhere } from './store.js';

/** One signature as the public page shows it. */
export interface PublicSignature {
  signer: string | null;
  organization: string | null;
  issuer: string | null;
  serialNumber: string | null;
  /** The time-stamp's time when there is a valid one (B-T), else the time the signer's software claims. */
  signedAt: string | null;
  timestamped: boolean;
  timestampAuthority: string | null;
  /** Nothing the signature covers has changed, and the signature holds. */
  unaltered: boolean;
  /** Nothing was added to the file after this signature. */
  coversWholeFile: boolean;
  /** The certificate chains to a root this deployment trusts and was valid when signing. */
  trusted: boolean;
  valid: boolean;
  problems: string[];
}

/** Which dossier a signed document belongs to: its code, procedure and agency, never the applicant. */
export interface IssuedRecord {
  verificationCode: string;
  purpose: 'result' | 'scan_seal';
  dossierCode: string;
  procedureName: string;
  agencyName: string;
  signedAt: string;
  /** The file checked is byte for byte the one this system signed. */
  sameFile: boolean;
}

export interface PublicVerification {
  summary: string;
  sha256: string;
  signatures: PublicSignature[];
  issued: IssuedRecord | null;
}

async function issuedRecord(
  db: Kysely<Database>,
  pdf: Uint8Array,
  sha256: string,
  byCode: string | null,
): Promise<IssuedRecord | null> {
  let records = byCode
    ? await signedDocumentsWhere(db, { verificationCode: byCode })
    : await signedDocumentsWhere(db, { sha256 });
  if (records.length === 0) {
    // Bytes appended after signing change the file's hash but not the signature's CMS, which still finds it.
    const fields = await readSignatureFields(pdf, { maxNodes: 10_000 }).catch(() => []);
    const contents = fields.flatMap((f) =>
      f.contents ? [createHash('sha256').update(f.contents).digest('hex')] : [],
    );
    records = await signedDocumentsWhere(db, { contentsSha256: contents });
  }
  const record = records[0];
  if (!record) return null;
  const [agency] = await agencyBriefs(db, [record.agency_code]);
  return {
    verificationCode: record.verification_code,
    purpose: record.purpose,
    dossierCode: record.dossier_code,
    procedureName: record.procedure_name,
    agencyName: agency?.name ?? record.agency_code,
    signedAt: record.signed_at.toISOString(),
    sameFile: record.sha256 === sha256,
  };
}

async function verify(
  services: DocumentServices,
  db: Kysely<Database>,
  pdf: Uint8Array,
  byCode: string | null,
): Promise<PublicVerification> {
  const { signatures, summary } = await verifyPdf(pdf, services.trustedRoots, {
    maxBytes: services.limits.maxBytes,
  });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return {
    summary,
    sha256,
    signatures: signatures.map((s) => ({
      signer: s.signer?.commonName ?? s.name,
      organization: s.signer?.organization ?? null,
      issuer: s.signer?.issuer ?? null,
      serialNumber: s.signer?.serialNumber ?? null,
      signedAt: (s.timestamp?.valid ? s.timestamp.time : s.claimedSigningTime)?.toISOString() ?? null,
      timestamped: s.timestamp?.valid ?? false,
      timestampAuthority: s.timestamp?.authority ?? null,
      unaltered: s.digestMatches && s.signatureValid,
      coversWholeFile: s.coversWholeFile,
      trusted: s.trusted,
      valid: s.valid,
      problems: s.problems.map((p) => p.message),
    })),
    issued: await issuedRecord(db, pdf, sha256, byCode),
  };
}

/** A PDF anyone dropped on the public page: its signatures, and the dossier it was issued in if it was ours. */
export function verifyDroppedPdf(services: DocumentServices, db: Kysely<Database>, pdf: Uint8Array) {
  return verify(services, db, pdf, null);
}

/** The document a QR code points at: the stored signed file, verified now. */
export async function verifyByCode(services: DocumentServices, db: Kysely<Database>, code: string) {
  const [record] = await signedDocumentsWhere(db, { verificationCode: code });
  if (!record)
    throw new AppError('SIGNED_DOCUMENT_NOT_FOUND', `Không có văn bản điện tử nào mang mã xác thực ${code}.`);
  return verify(services, db, await readStoredFile(services, record.sha256), code);
}
