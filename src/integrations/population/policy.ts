import type { Actor, Role } from '../../auth/roles.js';

/**
 * Who may look a person up: officers who take in or check dossiers. Not applicants yet: an account is not
 * bound to an identity number until citizens log in through VNeID, so a citizen could otherwise look up
 * anyone by declaring consent.
 */
export const POPULATION_LOOKUP_ROLES: readonly Role[] = ['receiver', 'postal', 'processor'];

export function canLookUpCitizens(actor: Actor): boolean {
  return POPULATION_LOOKUP_ROLES.includes(actor.role);
}
