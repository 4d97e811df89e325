import type { Actor } from '../auth/roles.js';
import { canPublish, PUBLISHERS } from '../catalog/policy.js';

/** Electronic processes are drafted and published by the catalogue's publishers (controllers). */
export const PROCESS_AUTHORS = PUBLISHERS;

export function canAuthorProcesses(actor: Actor): boolean {
  return canPublish(actor);
}

/** Drafts are work in progress: only their authors see them; published versions are public. */
export function canSeeDrafts(actor: Actor | null): boolean {
  return actor !== null && canAuthorProcesses(actor);
}
