import type { Actor, Role } from './roles.js';

/** An agency's officer list (to assign a dossier) is for its own officers and the province's controllers and administrators. */
export function canListOfficers(actor: Actor, agencyCode: string): boolean {
  if (actor.provinceWide && (actor.role === 'controller' || actor.role === 'admin')) return true;
  return actor.role !== 'citizen' && actor.agencyCode === agencyCode;
}

/** Who manages officer accounts. */
export const ACCOUNT_MANAGERS: readonly Role[] = ['admin'];

/** Agencies whose administrators work for the whole province (the People's Committee and its centre). */
export const PROVINCE_WIDE_KINDS: readonly string[] = ['province', 'centre'];

/**
 * An administrator manages the officer accounts of their own agency; one of the province's People's
 * Committee or its service centre (`provinceWide`) manages every agency's. A move between agencies needs
 * both the old and the new agency in scope, so a ward cannot take an officer from the province.
 */
export function canManageAccountsOf(actor: Actor, provinceWide: boolean, agencyCode: string): boolean {
  if (!ACCOUNT_MANAGERS.includes(actor.role)) return false;
  return provinceWide || actor.agencyCode === agencyCode;
}
