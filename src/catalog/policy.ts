import type { Actor, Role } from '../auth/roles.js';

/**
 * Controllers of the provincial People's Committee office publish the catalogue (Circular 02/2017/TT-VPCP);
 * the catalogue applies province-wide, so a department's or a commune's controller or administrator may not.
 */
export const PUBLISHERS: readonly Role[] = ['controller', 'admin'];

export function canPublish(actor: Actor): boolean {
  return PUBLISHERS.includes(actor.role) && actor.provinceWide;
}

/** Controllers and administrators may read procedures that are not (or no longer) in force. */
export function canSeeUnpublished(actor: Actor | null): boolean {
  return actor !== null && canPublish(actor);
}

/**
 * An agency's office hours (which drive its deadlines) are set by the head or an administrator of that
 * agency, or by the province's administrators for any agency.
 */
export const OFFICE_HOURS_SETTERS: readonly Role[] = ['agency_head', 'admin'];

export function canSetOfficeHours(actor: Actor, agencyCode: string): boolean {
  if (!OFFICE_HOURS_SETTERS.includes(actor.role)) return false;
  return actor.agencyCode === agencyCode || (actor.role === 'admin' && actor.provinceWide);
}
