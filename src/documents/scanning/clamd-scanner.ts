import { connect, type Socket } from 'node:net';
import { AppError } from '../../shared/errors.js';
import type { Scanner } from './scanner.js';

export type ClamdAddress = { socket: string } | { host: string; port: number };

/** clamd's INSTREAM takes the file in chunks, each prefixed by its length (clamd(8), "INSTREAM"). */
const CHUNK = 64 * 1024;

function unavailable(): AppError {
  return new AppError(
    'SCANNER_UNAVAILABLE',
    'Trình quét mã độc (ClamAV) không phản hồi; tệp chưa được nhận. Vui lòng thử lại sau.',
  );
}

/** Sends one z-command (NUL-terminated) with an optional body and reads the NUL-terminated answer. */
function converse(address: ClamdAddress, command: string, body: Uint8Array | null, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const socket: Socket =
      'socket' in address ? connect(address.socket) : connect(address.port, address.host);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('clamd timed out')));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (chunk.includes(0)) socket.end();
    });
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      const end = answer.indexOf('\0');
      if (end === -1) reject(new Error('clamd closed without an answer'));
      else resolve(answer.slice(0, end));
    });
    socket.on('connect', () => {
      socket.write(`z${command}\0`);
      if (!body) return;
      for (let offset = 0; offset < body.byteLength; offset += CHUNK) {
        const part = body.subarray(offset, Math.min(offset + CHUNK, body.byteLength));
        const length = Buffer.alloc(4);
        length.writeUInt32BE(part.byteLength);
        socket.write(length);
        socket.write(part);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}

/**
 * The version line of a clamd with loaded definitions: "ClamAV 1.0.7/27450/Mon Nov 11 09:32:03 2024". A clamd
 * that answers without the database part has no signatures to scan with.
 */
export function hasDefinitions(version: string): boolean {
  return /^ClamAV [\d.]+\/\d+\//.test(version);
}

/** Asks a clamd what it is; null when nothing answers there or it has no definitions. */
export async function probeClamd(address: ClamdAddress, timeoutMs = 2_000): Promise<string | null> {
  try {
    const version = await converse(address, 'VERSION', null, timeoutMs);
    return hasDefinitions(version) ? version : null;
  } catch {
    return null;
  }
}

/**
 * ClamAV's daemon over its socket protocol: the file is streamed to clamd (INSTREAM) and its verdict read
 * back. A clamd that does not answer makes the upload fail (503) rather than be stored as if scanned.
 */
export function clamdScanner(address: ClamdAddress, version: string, timeoutMs: number): Scanner {
  const scanner = version.split('/').slice(0, 2).join('/');
  return {
    description: `ClamAV (clamd): ${version}`,
    async scan(bytes) {
      let answer: string;
      try {
        answer = await converse(address, 'INSTREAM', bytes, timeoutMs);
      } catch {
        throw unavailable();
      }
      // "stream: OK", "stream: <signature> FOUND", or "<reason> ERROR" (e.g. the stream size limit).
      if (/^stream: OK$/.test(answer)) return { status: 'clean', scanner };
      const found = /^stream: (.+) FOUND$/.exec(answer);
      if (found?.[1]) return { status: 'infected', scanner, signature: found[1] };
      throw unavailable();
    },
  };
}
