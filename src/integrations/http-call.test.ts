import { describe, expect, it } from 'vitest';
import { callJson, retryAfterMs } from './http-call.js';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-22T08:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('3', now, 500)).toBe(3_000);
    expect(retryAfterMs(' 0 ', now, 500)).toBe(0);
  });

  it('reads an HTTP date, never giving a negative wait', () => {
    expect(retryAfterMs('Sun, 22 Nov 2026 08:00:30 GMT', now, 500)).toBe(30_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 07:59:00 GMT', now, 500)).toBe(0);
  });

  it('falls back when the header is missing or unreadable', () => {
    expect(retryAfterMs(null, now, 500)).toBe(500);
    expect(retryAfterMs('soon', now, 500)).toBe(500);
    expect(retryAfterMs('-5', now, 500)).toBe(500);
  });
});

describe('answers of national systems', () => {
  const answering = (text: string) => (async () => new Response(text, { status: 200 })) as typeof fetch;

  it('reads a JSON answer', async () => {
    const answer = await callJson('http://portal.test/', {
      timeoutMs: 1000,
      fetch: answering('{"a":[1,{"b":2}]}'),
    });
    expect(answer).toMatchObject({ kind: 'answered', status: 200, json: { a: [1, { b: 2 }] } });
  });

  it('reads an answer nested thousands of levels deep as no JSON, without parsing or walking it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const answer = await callJson('http://portal.test/', {
      timeoutMs: 1000,
      maxAnswerBytes: 1_000_000,
      fetch: answering(`{"filings":${deep}}`),
    });
    expect(answer).toMatchObject({ kind: 'answered', status: 200, json: undefined });
  });
});
