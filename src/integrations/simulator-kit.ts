import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the local simulators of national systems share: a loopback HTTP server with bounded JSON bodies,
 * a switch to take it down (503 answers, or connections refused), a fixed-window rate limit answered with
 * 429 and Retry-After, and an injectable clock so that a test can play an hour's outage in seconds.
 * Each simulator adds its own protocol, authentication and records on top.
 */
export interface SimulatorOptions {
  /** 0 (the default) picks a free port; a restarted simulator keeps the one it had. */
  port?: number;
  /** The simulator's idea of now: outages and rate windows are measured on it. */
  clock?: () => number;
  /** Largest request body accepted, in bytes (413 beyond). */
  maxBodyBytes?: number;
}

export interface SimulatedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  at: number;
}

export interface SimulatedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type SimulatedRoute = (request: SimulatedRequest) => SimulatedResponse | Promise<SimulatedResponse>;

export interface SimulatorTraffic {
  requests: number;
  /** Answered 503 while down. */
  unavailable: number;
  /** Answered 429 while over the rate limit. */
  rateLimited: number;
}

const DEFAULT_MAX_BODY = 1_048_576;

/** An HTTP server on 127.0.0.1 (`port` 0: a free one); a handler that throws answers 500. */
export async function listenOnLoopback(
  port: number,
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
): Promise<Server> {
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

/** Closes the server and every connection it holds, keep-alive ones included. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export class HttpSimulator {
  readonly traffic: SimulatorTraffic = { requests: 0, unavailable: 0, rateLimited: 0 };
  /**
   * Holds every answer this long after the work is done: with a delay longer than the client's timeout,
   * the service applies a request whose answer the client never sees (a lost answer).
   */
  answerDelayMs = 0;
  private server: Server | null = null;
  private port: number;
  private downUntil: number | null = null;
  private refusing = false;
  private limit: { requests: number; windowMs: number } | null = null;
  private window = { start: 0, count: 0 };
  protected readonly clock: () => number;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly routes: Record<string, SimulatedRoute>,
    options: SimulatorOptions = {},
  ) {
    this.port = options.port ?? 0;
    this.clock = options.clock ?? Date.now;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  }

  /** The simulator's clock (a test may run it faster than the wall clock). */
  now(): number {
    return this.clock();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    if (this.server) return this.url;
    this.server = await listenOnLoopback(this.port, (request, response) => this.serve(request, response));
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await closeServer(server);
  }

  /**
   * Takes the service down: `unavailable` answers 503 (for `forMs` on the simulator's clock, or until
   * `restore`); `refused` closes the port so that connections are refused until `restore`.
   */
  async outage(mode: 'unavailable' | 'refused', forMs?: number): Promise<void> {
    if (mode === 'unavailable') {
      this.downUntil = forMs === undefined ? Number.POSITIVE_INFINITY : this.clock() + forMs;
      return;
    }
    this.refusing = true;
    await this.stop();
  }

  async restore(): Promise<void> {
    this.downUntil = null;
    if (this.refusing) {
      this.refusing = false;
      await this.start();
    }
  }

  /** At most `requests` per fixed window of `windowMs`; null lifts the limit. */
  rateLimit(limit: { requests: number; windowMs: number } | null): void {
    this.limit = limit;
    this.window = { start: this.clock(), count: 0 };
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = this.clock();
    this.traffic.requests++;
    this.observe(request.headers, at);
    const raw = await this.readBody(request);
    if (raw === null) return send(response, { status: 413, body: { error_code: '413', message: 'Quá lớn' } });
    if (this.downUntil !== null && at < this.downUntil) {
      this.traffic.unavailable++;
      return send(response, { status: 503, body: { error_code: '503', message: 'Hệ thống đang bảo trì' } });
    }
    if (this.limit) {
      if (at - this.window.start >= this.limit.windowMs) this.window = { start: at, count: 0 };
      this.window.count++;
      if (this.window.count > this.limit.requests) {
        this.traffic.rateLimited++;
        const waitMs = this.window.start + this.limit.windowMs - at;
        this.onRateLimited(request.headers, at + waitMs);
        return send(response, {
          status: 429,
          headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
          body: { error_code: '429', message: 'Vượt quá số yêu cầu cho phép' },
        });
      }
    }
    const url = new URL(request.url ?? '/', 'http://simulator');
    const route = this.routes[`${request.method} ${url.pathname}`];
    if (!route) return send(response, { status: 404, body: { error_code: '404', message: 'Không có' } });
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const answer = await route({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      at,
    });
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    if (!response.destroyed) send(response, answer);
  }

  /** Hooks for simulators that watch whether clients honour Retry-After: every request, and every 429. */
  protected observe(_headers: IncomingMessage['headers'], _at: number): void {}
  protected onRateLimited(_headers: IncomingMessage['headers'], _notBefore: number): void {}

  private readBody(request: IncomingMessage): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBodyBytes) tooLarge = true;
        else chunks.push(chunk);
      });
      request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });
  }
}

function send(response: ServerResponse, answer: SimulatedResponse): void {
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response
    .writeHead(answer.status, {
      ...(answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...answer.headers,
    })
    .end(body);
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(headers: IncomingMessage['headers']): string | null {
  const value = headers.authorization;
  const match = typeof value === 'string' ? /^Bearer (\S{1,512})$/.exec(value) : null;
  return match?.[1] ?? null;
}
