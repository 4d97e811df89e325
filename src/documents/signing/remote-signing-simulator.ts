import { webcrypto } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyMaterial } from './key-files.js';
import { REMOTE_ALGORITHM } from './remote-signing.js';

export interface RunningSigningService {
  url: string;
  /** How many signatures it made (tests check the key never left it). */
  signatures(): number;
  close(): Promise<void>;
}

/**
 * A local signing service speaking the remote signing protocol (remote-signing.ts) on loopback, holding its
 * keys in memory. For tests of the remote adapter; it answers only requests with the right API key.
 */
export async function startSigningServiceSimulator(
  keys: Map<string, KeyMaterial>,
  apiKey: string,
): Promise<RunningSigningService> {
  let count = 0;
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.headers.authorization !== `Bearer ${apiKey}`) return send(401, { error: 'unauthorised' });
    const match = /^\/keys\/([^/]+)(\/sign)?$/.exec(request.url ?? '');
    const material = match?.[1] ? keys.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !material) return send(404, { error: 'no such key' });
    if (!match[2]) {
      return send(200, {
        certificates: [material.certificate, ...material.chain].map((c) => c.toString('pem')),
      });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { algorithm?: string; data?: string };
    if (body.algorithm !== REMOTE_ALGORITHM || typeof body.data !== 'string')
      return send(400, { error: 'bad request' });
    const signature = await webcrypto.subtle.sign(
      'RSASSA-PKCS1-v1_5',
      material.privateKey,
      Buffer.from(body.data, 'base64'),
    );
    count++;
    return send(200, { signature: Buffer.from(signature).toString('base64') });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    signatures: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
