import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { oid } from './oids.js';

const subtle = webcrypto.subtle;

/**
 * The ESS signing-certificate-v2 attribute (RFC 5035 §3) binds the signer's certificate into the signed
 * attributes, so nobody can swap in another certificate with the same key. SHA-256 is ESSCertIDv2's default
 * hash, so DER leaves hashAlgorithm out (RFC 5035 §4, X.690 §11.5).
 */
export async function signingCertificateV2Attribute(
  certificate: pkijs.Certificate,
): Promise<pkijs.Attribute> {
  const certHash = await subtle.digest('SHA-256', certificate.toSchema().toBER());
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({
      names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })],
    }),
    serialNumber: certificate.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial.toSchema()],
  });
  const signingCertificateV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [essCertIdV2] })],
  });
  return new pkijs.Attribute({ type: oid.signingCertificateV2, values: [signingCertificateV2] });
}

export interface CertificateHash {
  /** WebCrypto name of the hash, e.g. "SHA-256". */
  hash: string;
  value: Uint8Array;
}

/** Reads the first ESSCertIDv2 (the signer's, RFC 5035 §3) of a signing-certificate-v2 attribute value. */
export function readSigningCertificateV2(value: asn1js.AsnType): CertificateHash | null {
  if (!(value instanceof asn1js.Sequence)) return null;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return null;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return null;
  const [head, next] = first.valueBlock.value;
  if (head instanceof asn1js.OctetString) return { hash: 'SHA-256', value: head.valueBlock.valueHexView };
  if (!(head instanceof asn1js.Sequence) || !(next instanceof asn1js.OctetString)) return null;
  const algorithm = new pkijs.AlgorithmIdentifier({ schema: head });
  const hash = pkijs.getCrypto(true).getAlgorithmByOID(algorithm.algorithmId);
  if (!('name' in hash)) return null;
  return { hash: hash.name, value: next.valueBlock.valueHexView };
}
