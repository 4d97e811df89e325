import type { Actor } from './roles.js';

/** An agency's officer list (to assign a dossier) is for its own officers and the province's controllers and administrators. */
export function canListOfficers(actor: Actor, agencyCode: string): boolean {
  if (actor.provinceWide && (actor.role === 'controller' || actor.role === 'admin')) return true;
  return actor.role !== 'citizen' && actor.agencyCode === agencyCode;
}
