import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { oid } from './oids.js';

export interface TimestampToken {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
}

/** Opens a TimeStampToken (RFC 3161 §2.4.2): a ContentInfo of SignedData whose content is a TSTInfo. */
export function readTimestampToken(token: asn1js.AsnType): TimestampToken {
  const contentInfo = new pkijs.ContentInfo({ schema: token });
  if (contentInfo.contentType !== oid.signedData) throw new Error('time-stamp token is not SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const eContent = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== oid.tstInfo || !eContent) {
    throw new Error('time-stamp token carries no TSTInfo');
  }
  return { signedData, tstInfo: pkijs.TSTInfo.fromBER(eContent.getValue()) };
}

/** Parses DER bytes into one ASN.1 value, refusing trailing or missing bytes. */
export function parseDer(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(new Uint8Array(der));
  if (parsed.offset === -1 || parsed.offset !== der.byteLength) throw new Error('not a single DER value');
  return parsed.result;
}
