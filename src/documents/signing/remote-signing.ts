import { AppError } from '../../shared/errors.js';
import type { KeyOperations, Signer } from './cades-signature.js';
import type { SigningPort } from './signing-port.js';
import * as x509 from './x509.js';

export interface RemoteSigningSettings {
  url: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * The remote signing protocol (ours: no national one is published; see ADR 0012). The service holds each
 * agency's key and never lets it out:
 * - `GET  {url}/keys/{agency}` → `{ "certificates": [PEM, …] }`, the signer's certificate first;
 * - `POST {url}/keys/{agency}/sign` with `{ "algorithm": "RSASSA-PKCS1-v1_5/SHA-256", "data": base64 }` →
 *   `{ "signature": base64 }`, the signature over `data` (our CMS signed attributes).
 * Both take `Authorization: Bearer <api key>`; 404 means the agency has no key there.
 */
export const REMOTE_ALGORITHM = 'RSASSA-PKCS1-v1_5/SHA-256';

function unavailable(detail: string): AppError {
  return new AppError('SIGNING_UNAVAILABLE', `Dịch vụ ký số từ xa không ký được: ${detail}.`);
}

async function call(settings: RemoteSigningSettings, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${settings.url.replace(/\/$/, '')}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${settings.apiKey}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch {
    throw unavailable('không kết nối được');
  }
  if (response.status === 404) return null;
  if (!response.ok) throw unavailable(`HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > 1_000_000) throw unavailable('phản hồi quá lớn');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unavailable('phản hồi không phải JSON');
  }
}

export function remoteSigning(settings: RemoteSigningSettings): SigningPort {
  return {
    description: `dịch vụ ký số từ xa (${new URL(settings.url).host})`,
    async signerFor(agency) {
      const path = `/keys/${encodeURIComponent(agency.code)}`;
      const answer = (await call(settings, path)) as { certificates?: unknown } | null;
      if (answer === null)
        throw new AppError(
          'SIGNING_KEY_MISSING',
          `${agency.name} chưa có khóa ký số tại dịch vụ ký số từ xa.`,
        );
      const pems = Array.isArray(answer.certificates) ? answer.certificates : [];
      if (pems.length === 0 || !pems.every((pem) => typeof pem === 'string'))
        throw unavailable('không có chứng thư số');
      let certificates: x509.X509Certificate[];
      try {
        certificates = (pems as string[]).map((pem) => new x509.X509Certificate(pem));
      } catch {
        throw unavailable('chứng thư số không đọc được');
      }
      const key: KeyOperations = {
        async sign(data) {
          const signed = (await call(settings, `${path}/sign`, {
            algorithm: REMOTE_ALGORITHM,
            data: Buffer.from(data).toString('base64'),
          })) as { signature?: unknown } | null;
          if (typeof signed?.signature !== 'string') throw unavailable('không có chữ ký trong phản hồi');
          return new Uint8Array(Buffer.from(signed.signature, 'base64'));
        },
      };
      const [certificate, ...chain] = certificates as [x509.X509Certificate, ...x509.X509Certificate[]];
      return { certificate, chain, privateKey: key } satisfies Signer;
    },
  };
}
