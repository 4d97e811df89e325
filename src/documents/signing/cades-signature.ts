import { webcrypto } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { oid } from './oids.js';
import { signedAttributes } from './signed-attributes.js';
import type { TimestampClient } from './timestamp-client.js';

/**
 * Signs bytes with RSASSA-PKCS1-v1_5 over SHA-256 and returns the signature value: a key held here, or a
 * key held elsewhere (a remote signing service, an HSM) that is asked to sign.
 */
export interface KeyOperations {
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export type SigningKey = CryptoKey | KeyOperations;

export interface Signer {
  privateKey: SigningKey;
  certificate: X509Certificate;
  /** Intermediate and root certificates, embedded so verifiers can build the path. */
  chain: X509Certificate[];
}

export function toPkijs(certificate: X509Certificate): pkijs.Certificate {
  return pkijs.Certificate.fromBER(certificate.rawData);
}

/** RFC 4055 §5: sha256WithRSAEncryption. */
const sha256WithRsa = '1.2.840.113549.1.1.11';

/**
 * Fills in the signature value over the DER of the signed attributes (RFC 5652 §5.4: encoded as a SET OF,
 * tag 0x31), as pkijs' SignedData.sign does for a key it holds, but through any key's `sign`.
 */
async function signWith(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo, key: SigningKey) {
  if (!('sign' in key)) {
    await signedData.sign(key, 0, 'SHA-256');
    return;
  }
  const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: oid.sha256 });
  signedData.digestAlgorithms = [sha256];
  signerInfo.digestAlgorithm = sha256;
  signerInfo.signatureAlgorithm = new pkijs.AlgorithmIdentifier({
    algorithmId: sha256WithRsa,
    algorithmParams: new asn1js.Null(),
  });
  const attributes = new Uint8Array(signerInfo.signedAttrs?.toSchema().toBER() ?? new ArrayBuffer(0));
  attributes[0] = 0x31;
  const value = await key.sign(attributes);
  signerInfo.signature = new asn1js.OctetString({ valueHex: value });
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
  await signWith(signedData, signerInfo, signer.privateKey);

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
