import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { chainsToTrustedRoot } from './certificate-chain.js';
import { oid } from './oids.js';
import { readTimestampToken } from './timestamp-token.js';

export interface TimestampCheck {
  /** genTime of the token, when the token could be read. */
  time: Date | null;
  /** The token signs this signature value, its own signature holds and its TSA chains to a trusted root. */
  valid: boolean;
  /** Subject of the time-stamp authority's certificate. */
  authority: string | null;
}

function extendedKeyUsages(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((item) => item.extnID === '2.5.29.37');
  return extension?.parsedValue instanceof pkijs.ExtKeyUsage ? extension.parsedValue.keyPurposes : [];
}

/**
 * Checks a signature-time-stamp-token (RFC 3161 App. A): its message imprint is the hash of the signature
 * value, its CMS signature holds, and its TSA certificate is for time-stamping (RFC 3161 §2.3) and chains to a
 * trusted root at the token's time.
 */
export async function checkTimestamp(
  token: asn1js.AsnType,
  signatureValue: Uint8Array,
  trustedRoots: pkijs.Certificate[],
  describe: (certificate: pkijs.Certificate) => string,
): Promise<TimestampCheck> {
  let opened: ReturnType<typeof readTimestampToken>;
  try {
    opened = readTimestampToken(token);
  } catch {
    return { time: null, valid: false, authority: null };
  }
  const { signedData, tstInfo } = opened;
  const time = tstInfo.genTime;
  try {
    // pkijs checks the imprint against `data` for TSTInfo content, then message-digest and the signature.
    const result = await signedData.verify({
      signer: 0,
      data: signatureValue.slice().buffer,
      extendedMode: true,
    });
    const tsa = result.signerCertificate ?? null;
    if (!result.signatureVerified || !tsa) return { time, valid: false, authority: tsa && describe(tsa) };
    const others = (signedData.certificates ?? []).filter((item) => item instanceof pkijs.Certificate);
    const valid =
      extendedKeyUsages(tsa).includes(oid.timeStamping) &&
      (await chainsToTrustedRoot(tsa, others, trustedRoots, time));
    return { time, valid, authority: describe(tsa) };
  } catch {
    return { time, valid: false, authority: null };
  }
}
