import type { Actor, Role } from '../auth/roles.js';

/** Controllers search the trail (Circular 02/2017/TT-VPCP: they oversee how procedures are handled). */
export const TRAIL_READERS: readonly Role[] = ['controller'];

/**
 * The agency whose officers' entries a controller may search: none for the province's controllers (they see
 * every entry), their own agency for a department's or a commune's.
 */
export function trailScopeOf(actor: Actor): string | undefined {
  return actor.provinceWide ? undefined : (actor.agencyCode ?? '');
}
