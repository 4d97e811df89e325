/**
 * One JSON request to a national system, as every client here makes it: a timeout, a bounded answer, and
 * network failures returned as a value (the callers turn them into typed results, never into exceptions).
 */
import { jsonNestsDeeperThan } from '../shared/clean-input.js';

export type HttpAnswer =
  | { kind: 'answered'; status: number; headers: Headers; json: unknown }
  | { kind: 'failed'; reason: 'timeout' | 'network'; detail: string };

export interface HttpCallOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** Answers larger than this are cut off and read as no JSON. */
  maxAnswerBytes?: number;
  fetch?: typeof fetch;
}

const DEFAULT_MAX_ANSWER = 262_144;
/** Levels of nesting an answer may have (the national portal's filings use about six). */
const MAX_ANSWER_DEPTH = 64;

export async function callJson(url: string, options: HttpCallOptions): Promise<HttpAnswer> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(url, {
      method: options.method ?? 'POST',
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await boundedText(response, options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER);
    let json: unknown;
    try {
      // Nested deeper than any answer of a national system, it is read as no JSON: the callers walk answers
      // recursively and would otherwise end in a stack overflow instead of a typed "malformed" result.
      json = text && !jsonNestsDeeperThan(text, MAX_ANSWER_DEPTH) ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { kind: 'answered', status: response.status, headers: response.headers, json };
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return {
      kind: 'failed',
      reason: timedOut ? 'timeout' : 'network',
      detail: describeFailure(error as Error),
    };
  }
}

async function boundedText(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** fetch hides the cause of a network failure one level down (ECONNREFUSED, ENOTFOUND…). */
function describeFailure(error: Error): string {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

/**
 * A Retry-After header in milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Missing or unreadable gives `fallbackMs`.
 */
export function retryAfterMs(header: string | null, now: number, fallbackMs: number): number {
  if (!header) return fallbackMs;
  const trimmed = header.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its day and month in letters; anything else is not one.
  const date = /^[A-Za-z]{3}, /.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}
