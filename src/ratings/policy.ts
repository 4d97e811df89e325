import type { Actor, Role } from '../auth/roles.js';

/**
 * Ratings (Decree 61/2018 art. 27–32): the applicant rates their own returned dossier online; a front-desk
 * officer types in a paper form at the counter where the dossier was received. Respondents stay confidential:
 * no officer role can read a rating back, only totals — a controller for the province, an agency's heads for
 * their agency.
 */
export const RATERS: readonly Role[] = ['citizen'];
export const PAPER_ENTRY_ROLES: readonly Role[] = ['receiver', 'postal'];
export const RATING_READERS: readonly Role[] = ['controller', 'agency_head', 'unit_head'];
export const RATING_PUBLISHERS: readonly Role[] = ['controller'];
export const RATING_SETTINGS_EDITORS: readonly Role[] = ['controller', 'admin'];

/** A paper form is entered by the front desk of the centre that received the dossier (and returns it). */
export function canEnterPaperRating(actor: Actor, receivingAgency: string): boolean {
  return PAPER_ENTRY_ROLES.includes(actor.role) && actor.agencyCode === receivingAgency;
}

/** Whose totals an officer may read: every agency's for a controller, their own agency's for its heads. */
export function ratingScope(actor: Actor): { agency?: string } {
  return actor.role === 'controller' ? {} : { agency: actor.agencyCode ?? '' };
}
