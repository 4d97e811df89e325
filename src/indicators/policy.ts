import type { Actor, Role } from '../auth/roles.js';

/** Indicators are for officers: a controller watches every agency, any other officer their own. */
export const INDICATOR_READERS: readonly Role[] = [
  'receiver',
  'postal',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
  'controller',
  'admin',
];

/** The agency whose figures the actor may read: the one asked for (or all) for a controller, else their own. */
export function indicatorAgency(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.role === 'controller') return requested;
  return actor.agencyCode ?? '';
}
