import { type SignatureReport, verifyPdf } from './signing/verify-pdf.js';
import type * as x509 from './signing/x509.js';
import type { SignatureSummary } from './store.js';

/** What a receiver needs to know of a signature: who, when, and whether it holds. */
export function summarise(report: SignatureReport): SignatureSummary {
  return {
    signer: report.signer?.commonName ?? report.name,
    organization: report.signer?.organization ?? null,
    signedAt:
      (report.timestamp?.valid ? report.timestamp.time : report.claimedSigningTime)?.toISOString() ?? null,
    valid: report.valid,
    intact: report.digestMatches && report.signatureValid && report.coversWholeFile,
    trusted: report.trusted,
    problems: report.problems.map((problem) => problem.message),
  };
}

/**
 * The digital signatures of an uploaded PDF (an organisation signing what it submits), verified on receipt.
 * A PDF without any costs one look at its bytes.
 */
export async function pdfSignatures(
  pdf: Uint8Array,
  trustedRoots: x509.X509Certificate[],
): Promise<SignatureSummary[]> {
  if (!Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).includes('/ByteRange')) return [];
  try {
    const { signatures } = await verifyPdf(pdf, trustedRoots);
    return signatures.map(summarise);
  } catch {
    return [];
  }
}
