import * as pkijs from 'pkijs';

/**
 * Whether a certificate chains to one of the trusted roots through the given intermediates, every certificate
 * on the path valid at `at` (RFC 5280 §6). Revocation is not checked: nothing here fetches CRLs or OCSP.
 */
export async function chainsToTrustedRoot(
  certificate: pkijs.Certificate,
  intermediates: pkijs.Certificate[],
  trustedRoots: pkijs.Certificate[],
  at: Date,
): Promise<boolean> {
  if (trustedRoots.length === 0) return false;
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: trustedRoots,
    certs: [...intermediates, certificate],
    checkDate: at,
  });
  try {
    return (await engine.verify()).result;
  } catch {
    return false;
  }
}

/** Whether `at` falls within the certificate's validity period (RFC 5280 §4.1.2.5). */
export function validAt(certificate: pkijs.Certificate, at: Date): boolean {
  return certificate.notBefore.value <= at && at <= certificate.notAfter.value;
}
