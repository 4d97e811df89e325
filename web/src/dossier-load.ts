import { api, type Page } from './api';
import type { Dossier, DossierEvent } from './types';

export const dossierPath = (code: string) => `/api/dossiers/${encodeURIComponent(code)}`;

/** A dossier with its event log, as its owner or an officer may read them. */
export async function loadDossier(code: string, signal: AbortSignal) {
  const path = dossierPath(code);
  const [dossier, events] = await Promise.all([
    api<Dossier>(path, { signal }),
    api<Page<DossierEvent>>(`${path}/events`, { signal }),
  ]);
  return { dossier, events: events.items };
}
