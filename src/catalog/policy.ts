import type { Actor, Role } from '../auth/roles.js';

/** Controllers of the provincial People's Committee office publish the catalogue (Circular 02/2017/TT-VPCP). */
export const PUBLISHERS: readonly Role[] = ['controller', 'admin'];

export function canPublish(actor: Actor): boolean {
  return PUBLISHERS.includes(actor.role);
}

/** Controllers and administrators may read procedures that are not (or no longer) in force. */
export function canSeeUnpublished(actor: Actor | null): boolean {
  return actor !== null && canPublish(actor);
}

/** An agency's office hours are set by an administrator or by the head of that agency. */
export const OFFICE_HOURS_SETTERS: readonly Role[] = ['agency_head', 'admin'];

export function canSetOfficeHours(actor: Actor, agencyCode: string): boolean {
  return actor.role === 'admin' || (actor.role === 'agency_head' && actor.agencyCode === agencyCode);
}
