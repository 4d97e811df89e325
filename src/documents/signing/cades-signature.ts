import { webcrypto } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { oid } from './oids.js';
import { signedAttributes } from './signed-attributes.js';
import type { TimestampClient } from './timestamp-client.js';

export interface Signer {
  privateKey: CryptoKey;
  certificate: X509Certificate;
  /** Intermediate and root certificates, embedded so verifiers can build the path. */
  chain: X509Certificate[];
}

export function toPkijs(certificate: X509Certificate): pkijs.Certificate {
  return pkijs.Certificate.fromBER(certificate.rawData);
}

/**
 * A detached CAdES signature over `content` as PAdES baseline wants it (ETSI EN 319 142-1 §6.3): signed
 * attributes content-type, message-digest and signing-certificate-v2, and no signing-time (the time is the
 * PDF's /M). With a timestamp client the signature value is time-stamped and the token added as the unsigned
 * attribute signature-time-stamp-token (RFC 3161 App. A), which makes the signature B-T.
 */
export async function createCadesSignature(
  content: Uint8Array,
  signer: Signer,
  timestamp?: TimestampClient,
): Promise<Uint8Array> {
  const certificate = toPkijs(signer.certificate);
  const digest = await webcrypto.subtle.digest('SHA-256', content);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    signedAttrs: await signedAttributes(oid.data, digest, certificate),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
    signerInfos: [signerInfo],
    certificates: [certificate, ...signer.chain.map(toPkijs)],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');

  if (timestamp) {
    const token = await timestamp.timestamp(signerInfo.signature.valueBlock.valueHexView);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [
        new pkijs.Attribute({ type: oid.signatureTimeStampToken, values: [asn1js.fromBER(token).result] }),
      ],
    });
  }

  const contentInfo = new pkijs.ContentInfo({
    contentType: oid.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
