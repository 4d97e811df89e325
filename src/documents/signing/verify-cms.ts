import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { oid } from './oids.js';
import { problem, type SignatureProblem } from './signature-problems.js';
import { readSigningCertificateV2 } from './signing-certificate-v2.js';

export interface CmsSignatureCheck {
  signerCertificate: pkijs.Certificate | null;
  /** Every certificate the CMS carries, for path building. */
  certificates: pkijs.Certificate[];
  /** The covered bytes hash to the signed message-digest. */
  digestMatches: boolean;
  /** The signature over the signed attributes holds under the signer certificate's key. */
  signatureValid: boolean;
  signatureValue: Uint8Array | null;
  timestampToken: asn1js.AsnType | null;
  problems: SignatureProblem[];
}

const engine = () => pkijs.getCrypto(true);

/** A PDF reserves room for the CMS and pads the rest with zeros (ISO 32000-1 §12.8.1). */
function parseContents(contents: Uint8Array): asn1js.AsnType | null {
  const parsed = asn1js.fromBER(new Uint8Array(contents));
  if (parsed.offset === -1) return null;
  return contents.subarray(parsed.offset).every((byte) => byte === 0) ? parsed.result : null;
}

function openSignedData(contents: Uint8Array): pkijs.SignedData | null {
  try {
    const schema = parseContents(contents);
    if (!schema) return null;
    const contentInfo = new pkijs.ContentInfo({ schema });
    if (contentInfo.contentType !== oid.signedData) return null;
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return null;
  }
}

function findSigner(
  signerInfo: pkijs.SignerInfo,
  certificates: pkijs.Certificate[],
): pkijs.Certificate | null {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return (
      certificates.find(
        (cert) => cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber),
      ) ?? null
    );
  }
  return null;
}

function attribute(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | null {
  return signerInfo.signedAttrs?.attributes.find((item) => item.type === type)?.values[0] ?? null;
}

function sameBytes(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.from(new Uint8Array(a)).equals(Buffer.from(new Uint8Array(b)));
}

async function checkSigningCertificate(
  signerInfo: pkijs.SignerInfo,
  certificate: pkijs.Certificate,
): Promise<SignatureProblem | null> {
  const value = attribute(signerInfo, oid.signingCertificateV2);
  if (!value) return problem('SIGNING_CERTIFICATE_ATTRIBUTE_MISSING');
  const expected = readSigningCertificateV2(value);
  if (!expected) return problem('SIGNING_CERTIFICATE_MISMATCH');
  const actual = await webcrypto.subtle.digest(expected.hash, certificate.toSchema().toBER());
  return sameBytes(actual, expected.value) ? null : problem('SIGNING_CERTIFICATE_MISMATCH');
}

/**
 * Checks a detached CMS signature over `covered` (RFC 5652 §5.4, §5.6): the message-digest attribute against
 * the bytes, the signature value against the signer's key, and the PAdES signing-certificate-v2 binding. Trust
 * in the signer is a separate question, answered by the caller.
 */
export async function checkCmsSignature(
  contents: Uint8Array,
  covered: Uint8Array<ArrayBuffer>,
): Promise<CmsSignatureCheck> {
  const failed = (problems: SignatureProblem[]): CmsSignatureCheck => ({
    signerCertificate: null,
    certificates: [],
    digestMatches: false,
    signatureValid: false,
    signatureValue: null,
    timestampToken: null,
    problems,
  });
  const signedData = openSignedData(contents);
  if (!signedData) return failed([problem('CMS_MALFORMED')]);
  const [signerInfo, ...others] = signedData.signerInfos;
  if (!signerInfo || others.length > 0) return failed([problem('SIGNER_COUNT')]);
  const certificates = (signedData.certificates ?? []).filter((item) => item instanceof pkijs.Certificate);
  const signerCertificate = findSigner(signerInfo, certificates);
  if (!signerCertificate) return failed([problem('SIGNER_CERTIFICATE_MISSING')]);

  const problems: SignatureProblem[] = [];
  const hash = engine().getAlgorithmByOID(signerInfo.digestAlgorithm.algorithmId);
  if (!('name' in hash))
    return { ...failed([problem('ALGORITHM_NOT_SUPPORTED')]), signerCertificate, certificates };
  const digest = await webcrypto.subtle.digest(hash.name, covered);
  const signatureValue = signerInfo.signature.valueBlock.valueHexView;

  let digestMatches: boolean;
  let signedBytes: BufferSource;
  if (signerInfo.signedAttrs) {
    const messageDigest = attribute(signerInfo, oid.messageDigest);
    digestMatches =
      messageDigest instanceof asn1js.OctetString && sameBytes(messageDigest.valueBlock.valueHexView, digest);
    const contentType = attribute(signerInfo, oid.contentType);
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== oid.data) {
      problems.push(problem('CONTENT_TYPE_INVALID'));
    }
    signedBytes = signerInfo.signedAttrs.encodedValue;
  } else {
    // Without signed attributes (allowed for adbe.pkcs7.detached) the signature is over the content itself.
    digestMatches = true;
    signedBytes = covered;
  }
  let signatureValid: boolean;
  try {
    signatureValid = await engine().verifyWithPublicKey(
      signedBytes,
      signerInfo.signature,
      signerCertificate.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      hash.name,
    );
  } catch {
    signatureValid = false;
    problems.push(problem('ALGORITHM_NOT_SUPPORTED'));
  }
  if (!signerInfo.signedAttrs) digestMatches = signatureValid;
  if (!digestMatches) problems.push(problem('DIGEST_MISMATCH'));
  if (!signatureValid && !problems.some((item) => item.code === 'ALGORITHM_NOT_SUPPORTED')) {
    problems.push(problem('SIGNATURE_VALUE_INVALID'));
  }
  const bindingProblem = await checkSigningCertificate(signerInfo, signerCertificate);
  if (bindingProblem) problems.push(bindingProblem);

  const timestampToken =
    signerInfo.unsignedAttrs?.attributes.find((item) => item.type === oid.signatureTimeStampToken)
      ?.values[0] ?? null;
  return {
    signerCertificate,
    certificates,
    digestMatches,
    signatureValid,
    signatureValue,
    timestampToken,
    problems,
  };
}
