import { callJson, retryAfterMs } from '../http-call.js';
import { citizenSchema } from './model.js';
import type { PopulationRegistry, RegistryAnswer } from './port.js';

export interface PopulationSettings {
  baseUrl: string;
  /** The key the data-sharing platform issued to this system. */
  apiKey: string;
  /** The agency on whose behalf lookups are made (its electronic identifier). */
  agencyCode: string;
  timeoutMs: number;
}

/**
 * The population database over HTTP: one POST per lookup with our API key, our agency, the purpose, the
 * consent and our request id. The real access goes through the national data-sharing platform under an
 * agreement whose message format we have not seen: this shape is ours (ADR 0010).
 */
export function httpPopulationRegistry(settings: PopulationSettings): PopulationRegistry {
  const base = settings.baseUrl.replace(/\/+$/, '');
  return {
    async lookup(request): Promise<RegistryAnswer> {
      const answer = await callJson(`${base}/citizens/lookup`, {
        headers: { 'x-api-key': settings.apiKey, 'x-request-id': request.requestId },
        body: {
          idNumber: request.idNumber,
          purpose: request.purpose,
          consent: request.consent,
          agencyCode: settings.agencyCode,
        },
        timeoutMs: settings.timeoutMs,
      });
      if (answer.kind === 'failed')
        return {
          kind: 'unavailable',
          reason: answer.reason === 'timeout' ? 'timeout' : 'down',
          detail: answer.detail,
        };
      if (answer.status === 200) {
        const citizen = citizenSchema.safeParse((answer.json as { citizen?: unknown } | undefined)?.citizen);
        return citizen.success
          ? { kind: 'found', citizen: citizen.data }
          : { kind: 'unavailable', reason: 'down', detail: 'answer does not fit' };
      }
      if (answer.status === 404) return { kind: 'not_found' };
      if (answer.status === 429)
        return {
          kind: 'rate_limited',
          retryAfterMs: retryAfterMs(answer.headers.get('retry-after'), Date.now(), 1_000),
        };
      if (answer.status === 401 || answer.status === 403) {
        const code = (answer.json as { code?: unknown } | undefined)?.code;
        return {
          kind: 'refused',
          detail: typeof code === 'string' ? code.slice(0, 50) : `HTTP ${answer.status}`,
        };
      }
      return { kind: 'unavailable', reason: 'down', detail: `HTTP ${answer.status}` };
    },
  };
}
