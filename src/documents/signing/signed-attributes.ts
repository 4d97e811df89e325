import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { oid } from './oids.js';
import { signingCertificateV2Attribute } from './signing-certificate-v2.js';

/** DER encodes a SET OF in ascending order of its elements' encodings (X.690 §11.6); RFC 5652 §5.4 wants DER. */
function derOrder(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER()) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((entry) => entry.attribute);
}

/**
 * The signed attributes every signature of ours carries: content-type and message-digest (RFC 5652 §11.1–2)
 * and signing-certificate-v2 (RFC 5035; required by PAdES baseline, ETSI EN 319 142-1 §6.3, and allowed in
 * time-stamp tokens by RFC 5816).
 */
export async function signedAttributes(
  contentType: string,
  digest: ArrayBuffer,
  certificate: pkijs.Certificate,
): Promise<pkijs.SignedAndUnsignedAttributes> {
  return new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derOrder([
      new pkijs.Attribute({
        type: oid.contentType,
        values: [new asn1js.ObjectIdentifier({ value: contentType })],
      }),
      new pkijs.Attribute({
        type: oid.messageDigest,
        values: [new asn1js.OctetString({ valueHex: digest })],
      }),
      await signingCertificateV2Attribute(certificate),
    ]),
  });
}
