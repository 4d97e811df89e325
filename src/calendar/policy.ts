import type { Actor } from '../auth/roles.js';

/** Announced schedules apply province-wide: only controllers and administrators change them. */
export function canEditCalendar(actor: Actor): boolean {
  return actor.role === 'controller' || actor.role === 'admin';
}
