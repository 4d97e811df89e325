import type { Actor, Role } from '../auth/roles.js';
import type { FeedbackActorKind } from './action-rules.js';

/**
 * Who works feedback (Circular 02/2017/TT-VPCP; plan 246/KH-UBND tasks 15–17): the controllers of the
 * People's Committee office receive, classify and publish it for the whole province; the competent agency's
 * officers handle and answer what is assigned to them; front-desk officers enter what arrives on paper.
 */
export const FEEDBACK_DESK_ROLES: readonly Role[] = ['controller'];
export const FEEDBACK_INTAKE_ROLES: readonly Role[] = ['controller', 'receiver'];
export const FEEDBACK_HANDLER_ROLES: readonly Role[] = ['processor', 'unit_head', 'agency_head'];
export const FEEDBACK_READERS: readonly Role[] = [
  'controller',
  'receiver',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
];
/** Officers who may take any officer action (the route's role part; `canActOnFeedback` decides per item). */
export const FEEDBACK_ACTORS: readonly Role[] = [...FEEDBACK_DESK_ROLES, ...FEEDBACK_HANDLER_ROLES];
/** Deadlines are configured by the controllers and administrators. */
export const FEEDBACK_SETTINGS_EDITORS: readonly Role[] = ['controller', 'admin'];
/** API keys of Open311 clients are handed out by administrators. */
export const OPEN311_KEY_ADMINS: readonly Role[] = ['admin'];

export interface FeedbackAccess {
  handlingAgency: string | null;
  ownerId: number | null;
}

/** A controller sees every item; another officer the items assigned to their agency. */
export function canReadFeedback(actor: Actor, item: FeedbackAccess): boolean {
  if (actor.role === 'controller') return true;
  if (!FEEDBACK_READERS.includes(actor.role)) return false;
  return item.handlingAgency !== null && item.handlingAgency === actor.agencyCode;
}

/** The desk's steps are the controllers'; a handler's steps belong to the assigned agency (or a controller). */
export function canActOnFeedback(actor: Actor, item: FeedbackAccess, kind: FeedbackActorKind): boolean {
  switch (kind) {
    case 'desk':
      return FEEDBACK_DESK_ROLES.includes(actor.role);
    case 'handler':
      return (
        actor.role === 'controller' ||
        (FEEDBACK_HANDLER_ROLES.includes(actor.role) &&
          item.handlingAgency !== null &&
          actor.agencyCode === item.handlingAgency)
      );
    case 'submitter':
      return false;
  }
}

/** Which items a list shows an officer: all (a controller) or those of their agency. */
export function feedbackScope(actor: Actor): { agency?: string } {
  return actor.role === 'controller' ? {} : { agency: actor.agencyCode ?? '' };
}
