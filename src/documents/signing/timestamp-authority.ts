import { webcrypto } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toPkijs } from './cades-signature.js';
import type { KeyHolder } from './local-ca.js';
import { oid } from './oids.js';
import { signedAttributes } from './signed-attributes.js';

export interface TimestampAuthority {
  /** Certificate with the critical timeStamping extended key usage (RFC 3161 §2.3) and its key. */
  holder: KeyHolder;
  chain: X509Certificate[];
  /** The TSA policy OID put in every token (RFC 3161 §2.4.2). */
  policy: string;
  clock?: () => Date;
}

/** PKIFailureInfo bit numbers (RFC 3161 §2.4.2). */
const failure = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16 };

/** Hashes a requester may use, with their output lengths in bytes. */
const acceptedHashes = new Map([
  [oid.sha256, 32],
  ['2.16.840.1.101.3.4.2.2', 48],
  ['2.16.840.1.101.3.4.2.3', 64],
]);

function rejection(bit: number, text: string): Uint8Array<ArrayBuffer> {
  const bits = new Uint8Array(4);
  bits[bit >> 3] = 0x80 >> (bit & 7);
  const byteLength = (bit >> 3) + 1;
  const unusedBits = 7 - (bit & 7);
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: new asn1js.BitString({ valueHex: bits.slice(0, byteLength), unusedBits }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

function parseRequest(der: Uint8Array): pkijs.TimeStampReq | null {
  try {
    return pkijs.TimeStampReq.fromBER(new Uint8Array(der));
  } catch {
    return null;
  }
}

/** A positive 16-byte serial: unique per token with overwhelming probability (RFC 3161 §2.4.2). */
function randomSerial(): asn1js.Integer {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return new asn1js.Integer({ valueHex: bytes });
}

/**
 * pkijs' constructor turns an eContent given to it into a constructed (BER) OCTET STRING, which its own
 * verifier then reads as empty; set after construction it stays primitive, as DER wants (RFC 3161 §2.4.2).
 */
function encapsulated(eContentType: string, content: ArrayBuffer): pkijs.EncapsulatedContentInfo {
  const info = new pkijs.EncapsulatedContentInfo({ eContentType });
  info.eContent = new asn1js.OctetString({ valueHex: content });
  return info;
}

/** Answers one DER TimeStampReq with a DER TimeStampResp (RFC 3161 §2.4). Malformed requests get a rejection. */
export async function answerTimestampRequest(
  authority: TimestampAuthority,
  der: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const request = parseRequest(der);
  if (request?.version !== 1) return rejection(failure.badDataFormat, 'malformed request');
  const imprint = request.messageImprint;
  const expectedLength = acceptedHashes.get(imprint.hashAlgorithm.algorithmId);
  if (expectedLength === undefined) return rejection(failure.badAlg, 'hash algorithm not accepted');
  if (imprint.hashedMessage.valueBlock.valueHexView.byteLength !== expectedLength) {
    return rejection(failure.badDataFormat, 'hash length does not match its algorithm');
  }
  if (request.reqPolicy && request.reqPolicy !== authority.policy) {
    return rejection(failure.unacceptedPolicy, 'policy not offered');
  }
  if (request.extensions?.length) return rejection(failure.unacceptedExtension, 'no extension is supported');

  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: authority.policy,
    messageImprint: imprint,
    serialNumber: randomSerial(),
    genTime: (authority.clock ?? (() => new Date()))(),
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const content = tstInfo.toSchema().toBER();
  const certificate = toPkijs(authority.holder.certificate);
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: encapsulated(oid.tstInfo, content),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: await signedAttributes(
          oid.tstInfo,
          await webcrypto.subtle.digest('SHA-256', content),
          certificate,
        ),
      }),
    ],
    // RFC 3161 §2.4.1: the certificate goes in only when the requester asked for it.
    ...(request.certReq ? { certificates: [certificate, ...authority.chain.map(toPkijs)] } : {}),
  });
  await signedData.sign(authority.holder.privateKey, 0, 'SHA-256');
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({
      contentType: oid.signedData,
      content: signedData.toSchema(true),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}
