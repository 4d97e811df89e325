import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerTimestampRequest, type TimestampAuthority } from './timestamp-authority.js';

export interface RunningTsa {
  url: string;
  close(): Promise<void>;
}

export interface TsaServerOptions {
  /** Loopback by default: this server is for tests and local demos, not a public service. */
  host?: string;
  port?: number;
  /** A TimeStampReq with a SHA-512 imprint, a nonce and a policy is well under 200 bytes. */
  maxRequestBytes?: number;
}

/** Media types of the HTTP transport of RFC 3161 §3.4. */
const queryType = 'application/timestamp-query';
const replyType = 'application/timestamp-reply';

async function readBounded(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
}

/** Starts an RFC 3161 time-stamp authority over HTTP, answering POSTed queries with signed tokens. */
export async function startTsaServer(
  authority: TimestampAuthority,
  options: TsaServerOptions = {},
): Promise<RunningTsa> {
  const limit = options.maxRequestBytes ?? 4096;
  const server = createServer(async (request, response) => {
    try {
      if (request.method !== 'POST') return refuse(response, 405, 'POST only');
      if (request.headers['content-type']?.split(';')[0]?.trim() !== queryType) {
        return refuse(response, 415, `expected ${queryType}`);
      }
      const body = await readBounded(request, limit);
      if (!body) return refuse(response, 413, 'request too large');
      const reply = await answerTimestampRequest(authority, body);
      response.writeHead(200, { 'content-type': replyType, 'content-length': reply.byteLength }).end(reply);
    } catch {
      if (!response.headersSent) refuse(response, 500, 'time-stamp authority failure');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
