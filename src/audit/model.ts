import type { Actor } from '../auth/roles.js';

/** One line of the audit trail as the server writes it (the database adds the time, the day and the hashes). */
export interface AuditEntry {
  actor: Pick<Actor, 'id' | 'role' | 'agencyCode'>;
  kind: 'read' | 'change';
  /** Why the data was touched, named after the route's use (e.g. `dossier.read`, `dossier.search`). */
  purpose: string;
  dossierCode: string | null;
  requestId: string;
  detail: Record<string, unknown>;
}

/**
 * Reads of personal data, by route: the dossier, its events, its forms (receipt and the rest), the search
 * (by name, code or identity number), the logbook and the queue, which list applicants.
 */
export const AUDITED_READS: Record<string, string> = {
  'GET /api/dossiers/:code': 'dossier.read',
  'GET /api/dossiers/:code/events': 'dossier.events',
  'GET /api/dossiers/:code/forms/:form': 'dossier.form',
  'GET /api/dossiers': 'dossier.search',
  'GET /api/logbook.pdf': 'logbook.read',
  'GET /api/queue': 'queue.read',
};

/** Methods that change something: every such request by an officer that succeeds is a change in the trail. */
export const CHANGING_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
