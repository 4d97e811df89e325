import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/errors.js';
import { oid } from './oids.js';
import type { TimestampClient } from './timestamp-client.js';
import { parseDer, readTimestampToken } from './timestamp-token.js';

export interface HttpTimestampClientOptions {
  /** TSA policy to ask for (RFC 3161 §2.4.1 reqPolicy); the TSA's default when omitted. */
  policy?: string;
  timeoutMs?: number;
  /** A token with a certificate chain is a few kilobytes; anything far larger is not a reply we want. */
  maxReplyBytes?: number;
}

function unavailable(detail: string): AppError {
  return new AppError(
    'TIMESTAMP_UNAVAILABLE',
    `Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian: ${detail}.`,
  );
}

async function readBounded(response: Response, limit: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) throw unavailable('phản hồi rỗng');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw unavailable('phản hồi quá lớn');
    }
    chunks.push(value);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Speaks RFC 3161 over HTTP (§3.4): POSTs a SHA-256 TimeStampReq with a fresh nonce and checks the reply. */
export function httpTimestampClient(url: string, options: HttpTimestampClientOptions = {}): TimestampClient {
  return {
    async timestamp(data) {
      const hash = new Uint8Array(await webcrypto.subtle.digest('SHA-256', new Uint8Array(data)));
      const nonceBytes = webcrypto.getRandomValues(new Uint8Array(8));
      // Positive and without a leading zero byte, so its DER octets are exactly these bytes.
      nonceBytes[0] = ((nonceBytes[0] ?? 0) & 0x7f) | 0x40;
      const nonce = new asn1js.Integer({ valueHex: nonceBytes });
      const request = new pkijs.TimeStampReq({
        version: 1,
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oid.sha256 }),
          hashedMessage: new asn1js.OctetString({ valueHex: hash }),
        }),
        ...(options.policy ? { reqPolicy: options.policy } : {}),
        nonce,
        certReq: true,
      });
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query' },
          body: Buffer.from(request.toSchema().toBER()),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch {
        throw unavailable('không kết nối được');
      }
      if (!response.ok) throw unavailable(`HTTP ${response.status}`);
      if (response.headers.get('content-type')?.split(';')[0]?.trim() !== 'application/timestamp-reply') {
        throw unavailable('sai kiểu nội dung phản hồi');
      }
      const reply = await readBounded(response, options.maxReplyBytes ?? 64 * 1024);

      let token: Uint8Array;
      let tstInfo: pkijs.TSTInfo;
      try {
        const parsed = pkijs.TimeStampResp.fromBER(new Uint8Array(reply));
        const status = parsed.status.status;
        if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
          throw unavailable(`bị từ chối (trạng thái ${status})`);
        }
        if (!parsed.timeStampToken) throw unavailable('không có mã dấu thời gian');
        token = new Uint8Array(parsed.timeStampToken.toSchema().toBER());
        tstInfo = readTimestampToken(parseDer(token)).tstInfo;
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw unavailable('phản hồi không đúng định dạng RFC 3161');
      }
      // RFC 3161 §2.4.2: the token must be for our hash and echo our nonce.
      if (!sameBytes(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView, hash)) {
        throw unavailable('dấu thời gian cấp cho dữ liệu khác');
      }
      if (!tstInfo.nonce || !sameBytes(tstInfo.nonce.valueBlock.valueHexView, nonceBytes)) {
        throw unavailable('số dùng một lần (nonce) không khớp');
      }
      return token;
    },
  };
}
