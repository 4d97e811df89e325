import { LRUCache } from 'lru-cache';
import type { Decision } from './events.js';
import type { DossierForAction } from './store.js';

/**
 * The dossiers this server process wrote last, as it wrote them. Every change to a dossier's row goes through
 * the one writer and raises its version, so a dossier at a given version never differs from what was written
 * then: when an officer acts on the version this process last wrote, the action decides from memory and its
 * only round trip is the write, which still applies only if the dossier is at that version (a change by
 * another process makes it a 409, as it would be after a read). Other versions are read from the database.
 */
const recent = new LRUCache<string, DossierForAction>({ max: 5_000 });

/** The dossier at exactly this version, if this process wrote it last. */
export function recentDossier(code: string, version: number): DossierForAction | undefined {
  const found = recent.get(code);
  return found?.row.version === version ? found : undefined;
}

export function rememberDossier(found: DossierForAction): void {
  recent.set(found.row.code, found);
}

/**
 * The agencies still consulted after an event, as the writer leaves the consultations table: a consultation
 * opens one question per agency; an agency's answer closes every open question to that agency.
 */
export function openAgenciesAfter(open: string[], event: Decision): string[] {
  if (event.action === 'consult') return [...open, ...event.payload.agencies];
  if (event.action === 'answer_consultation' && event.actorId !== null)
    return open.filter((agency) => agency !== event.payload.agency);
  return open;
}
