import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { clamdScanner, hasDefinitions, probeClamd } from './clamd-scanner.js';

/** The EICAR test string (eicar.org): every anti-virus reports it, and it harms nothing. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const VERSION = 'ClamAV 1.0.9/27500/Tue Jan  6 09:00:00 2026';

/**
 * A stand-in clamd speaking its socket protocol (z-commands, INSTREAM chunks with 4-byte lengths, a zero
 * chunk to end), so the adapter's framing is tested for real; it reports EICAR as found. `silent` makes it
 * accept the connection and never answer.
 */
function fakeClamd(
  options: { silent?: boolean } = {},
): Promise<{ server: Server; port: number; received: number[] }> {
  const received: number[] = [];
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let command: string | null = null;
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      if (options.silent) return;
      buffer = Buffer.concat([buffer, data]);
      if (command === null) {
        const end = buffer.indexOf(0);
        if (end === -1) return;
        command = buffer.subarray(1, end).toString();
        buffer = buffer.subarray(end + 1);
        if (command === 'VERSION') socket.end(`${VERSION}\0`);
      }
      while (command === 'INSTREAM' && buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (buffer.length < 4 + length) return;
        if (length === 0) {
          const content = Buffer.concat(chunks);
          received.push(content.length);
          socket.end(content.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        chunks.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0, received });
    }),
  );
}

describe('ClamAV adapter (clamd protocol)', () => {
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let silent: Awaited<ReturnType<typeof fakeClamd>>;
  beforeAll(async () => {
    clamd = await fakeClamd();
    silent = await fakeClamd({ silent: true });
  });
  afterAll(() => {
    clamd.server.close();
    silent.server.close();
  });

  it('reads the version and knows whether definitions are loaded', async () => {
    expect(await probeClamd({ host: '127.0.0.1', port: clamd.port })).toBe(VERSION);
    expect(hasDefinitions(VERSION)).toBe(true);
    expect(hasDefinitions('ClamAV 1.0.9')).toBe(false);
    expect(await probeClamd({ host: '127.0.0.1', port: 1 })).toBeNull();
  });

  it('streams a file in chunks and reports it clean', async () => {
    const scanner = clamdScanner({ host: '127.0.0.1', port: clamd.port }, VERSION, 5_000);
    const file = Buffer.alloc(200_000, 0x41);
    expect(await scanner.scan(file)).toEqual({ status: 'clean', scanner: 'ClamAV 1.0.9/27500' });
    expect(clamd.received.at(-1)).toBe(200_000);
  });

  it('reports the signature of an infected file', async () => {
    const scanner = clamdScanner({ host: '127.0.0.1', port: clamd.port }, VERSION, 5_000);
    expect(await scanner.scan(Buffer.from(`%PDF-1.4\n${EICAR}\n`))).toEqual({
      status: 'infected',
      scanner: 'ClamAV 1.0.9/27500',
      signature: 'Eicar-Test-Signature',
    });
  });

  it('refuses the upload (503) when clamd does not answer, rather than passing the file as scanned', async () => {
    const scanner = clamdScanner({ host: '127.0.0.1', port: silent.port }, VERSION, 300);
    const error = await scanner.scan(Buffer.from('x')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SCANNER_UNAVAILABLE');
  });
});
