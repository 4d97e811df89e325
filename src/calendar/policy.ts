import type { Actor, Role } from '../auth/roles.js';

/** Announced schedules apply province-wide: only the province's controllers and administrators change them. */
export const CALENDAR_EDITORS: readonly Role[] = ['controller', 'admin'];

export function canEditCalendar(actor: Actor): boolean {
  return CALENDAR_EDITORS.includes(actor.role) && actor.provinceWide;
}
