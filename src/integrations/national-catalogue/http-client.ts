import { callJson } from '../http-call.js';
import type { CatalogueSettings, NationalCatalogue } from './model.js';

/** The national procedure database's change feed over HTTP: a GET with our API key and a timeout. */
export function httpNationalCatalogue(settings: CatalogueSettings): NationalCatalogue {
  const base = settings.baseUrl.replace(/\/+$/, '');
  return {
    async changesSince(after, limit) {
      const url = `${base}${settings.changesPath}?tu=${after}&so_luong=${limit}`;
      const answer = await callJson(url, {
        method: 'GET',
        headers: { 'x-api-key': settings.apiKey },
        timeoutMs: settings.timeoutMs,
        // A page of detail records (tens of kilobytes each).
        maxAnswerBytes: 32 * 1_048_576,
      });
      if (answer.kind === 'failed') return { kind: 'unavailable', status: null, detail: answer.detail };
      if (answer.status === 401 || answer.status === 403)
        return { kind: 'unauthorised', status: answer.status };
      const changes = (answer.json as { data?: unknown } | undefined)?.data;
      if (answer.status !== 200 || !Array.isArray(changes))
        return { kind: 'unavailable', status: answer.status, detail: `HTTP ${answer.status}` };
      return { kind: 'changes', changes: changes.slice(0, limit) };
    },
  };
}
