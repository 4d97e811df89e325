import { callJson, retryAfterMs } from '../http-call.js';
import { FILING_MAX_BASE64, type PortalSettings, portalSucceeded } from './model.js';
import type { NationalPortal, PortalAnswer } from './port.js';

export interface PortalClientOptions {
  fetch?: typeof fetch;
  now?: () => number;
}

/** A token is renewed this long before the portal says it expires, so no call carries one that just died. */
const TOKEN_MARGIN_MS = 30_000;
/** When the portal says 429 without Retry-After, wait this long. */
const DEFAULT_RATE_WAIT_MS = 1_000;
const TEXT_LIMIT = 500;
/** A Retry-After longer than this is more likely a fault than a plan: ask again after an hour. */
const MAX_HOLD_MS = 3_600_000;

type TokenResult = { ok: true; value: string } | { ok: false; answer: PortalAnswer };

/**
 * The national portal over HTTP: a token from the token endpoint (cached until shortly before it expires,
 * renewed once when a call is refused with 401), one JSON POST per message with our message id in a
 * header, a timeout on every call. After a 429 the client sends nothing until the portal's Retry-After has
 * passed — every delivery in flight hears "rate limited" at once instead of each earning its own 429.
 */
export function httpNationalPortal(
  settings: PortalSettings,
  options: PortalClientOptions = {},
): NationalPortal {
  const now = options.now ?? Date.now;
  const protocol = settings.protocol;
  const base = settings.baseUrl.replace(/\/+$/, '');
  let token: { value: string; expiresAt: number } | null = null;
  let tokenRequest: Promise<TokenResult> | null = null;
  let heldUntil = 0;

  function held(): PortalAnswer | null {
    const wait = heldUntil - now();
    return wait > 0 ? { kind: 'rate_limited', retryAfterMs: wait } : null;
  }

  function rateLimited(headers: Headers): PortalAnswer {
    const wait = Math.min(retryAfterMs(headers.get('retry-after'), now(), DEFAULT_RATE_WAIT_MS), MAX_HOLD_MS);
    heldUntil = Math.max(heldUntil, now() + wait);
    return { kind: 'rate_limited', retryAfterMs: wait };
  }

  async function requestToken(): Promise<TokenResult> {
    const answer = await callJson(`${base}${protocol.tokenPath}`, {
      body: { [protocol.usernameField]: settings.username, [protocol.passwordField]: settings.password },
      timeoutMs: settings.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (answer.kind === 'failed')
      return { ok: false, answer: { kind: 'unavailable', status: null, detail: answer.detail } };
    if (answer.status === 429) return { ok: false, answer: rateLimited(answer.headers) };
    if (answer.status >= 500)
      return { ok: false, answer: { kind: 'unavailable', status: answer.status, detail: 'token endpoint' } };
    const fields = (answer.json ?? {}) as Record<string, unknown>;
    const value = fields[protocol.tokenField];
    if (answer.status !== 200 || typeof value !== 'string' || value.length === 0 || value.length > 4096)
      return { ok: false, answer: { kind: 'unauthorised', status: answer.status } };
    const seconds = Number(fields[protocol.expiresInField]);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 300_000;
    token = { value, expiresAt: now() + Math.max(lifetime - TOKEN_MARGIN_MS, lifetime / 2) };
    return { ok: true, value };
  }

  /** One token request at a time: deliveries carried side by side share its answer. */
  function currentToken(): Promise<TokenResult> {
    if (token && token.expiresAt > now()) return Promise.resolve({ ok: true, value: token.value });
    tokenRequest ??= requestToken().finally(() => {
      tokenRequest = null;
    });
    return tokenRequest;
  }

  async function post(path: string, messageId: string, body: unknown): Promise<PortalAnswer> {
    return (await exchange(path, messageId, body)).answer;
  }

  /** One authorised POST: what it means for the caller, and the body the portal answered with. */
  async function exchange(
    path: string,
    messageId: string,
    body: unknown,
    maxAnswerBytes?: number,
  ): Promise<{ answer: PortalAnswer; json: unknown }> {
    const only = (answer: PortalAnswer) => ({ answer, json: null });
    for (let round = 0; ; round++) {
      const wait = held();
      if (wait) return only(wait);
      const granted = await currentToken();
      if (!granted.ok) return only(granted.answer);
      const answer = await callJson(`${base}${path}`, {
        headers: {
          [protocol.authHeader]: protocol.authScheme
            ? `${protocol.authScheme} ${granted.value}`
            : granted.value,
          [protocol.messageIdHeader]: messageId,
        },
        body: renameFields(body, protocol.fieldNames),
        timeoutMs: settings.timeoutMs,
        ...(maxAnswerBytes ? { maxAnswerBytes } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (answer.kind === 'failed') return only({ kind: 'unavailable', status: null, detail: answer.detail });
      if (answer.status === 401 && round === 0) {
        token = null;
        continue;
      }
      if (answer.status === 401 || answer.status === 403)
        return only({ kind: 'unauthorised', status: answer.status });
      if (answer.status === 429) return only(rateLimited(answer.headers));
      const fields = (answer.json ?? {}) as { error_code?: unknown; message?: unknown; duplicate?: unknown };
      if (answer.status >= 200 && answer.status < 300) {
        if (portalSucceeded(fields))
          return { answer: { kind: 'accepted', duplicate: fields.duplicate === true }, json: answer.json };
        return only({
          kind: 'refused',
          code: String(fields.error_code ?? '').slice(0, 20),
          message: String(fields.message ?? '').slice(0, TEXT_LIMIT),
        });
      }
      if (answer.status >= 400 && answer.status < 500)
        return only({
          kind: 'refused',
          code: `HTTP ${answer.status}`,
          message: String(fields.message ?? '').slice(0, TEXT_LIMIT),
        });
      return only({ kind: 'unavailable', status: answer.status, detail: `HTTP ${answer.status}` });
    }
  }

  return {
    syncDossier: ({ messageId, isUpdating, record }) =>
      post(protocol.syncPath, messageId, { isUpdating, data: [record] }),
    reportProgress: ({ messageId, record }) => post(protocol.progressPath, messageId, { data: [record] }),
    async pendingFilings({ limit }) {
      // Filings carry their files: the answer may be as large as the filings asked for may be.
      const { answer, json } = await exchange(
        protocol.filingsPath,
        `filings-${now()}`,
        { SoLuong: limit },
        limit * (FILING_MAX_BASE64 + 1_000_000),
      );
      if (answer.kind !== 'accepted') return answer;
      const data = (renameFields(json, inverse(protocol.fieldNames)) as { data?: unknown } | null)?.data;
      if (!Array.isArray(data))
        return { kind: 'refused', code: 'FORMAT', message: 'Cổng trả danh sách hồ sơ không đúng dạng' };
      return { kind: 'filings', filings: data.slice(0, limit) };
    },
    acknowledgeFiling: ({ messageId, acknowledgement }) =>
      post(protocol.acknowledgePath, messageId, { data: [acknowledgement] }),
  };
}

/** The renames read backwards: the portal's names in an answer back to ours. */
function inverse(names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([ours, theirs]) => [theirs, ours]));
}

/** Renames object keys anywhere in a message (the portal's field names are configuration). */
export function renameFields(value: unknown, names: Record<string, string>): unknown {
  if (Object.keys(names).length === 0) return value;
  if (Array.isArray(value)) return value.map((item) => renameFields(item, names));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [names[key] ?? key, renameFields(inner, names)]),
  );
}
