import type { Role } from '../../auth/roles.js';

/** Webhooks send dossier events out of the system: only administrators register them. */
export const WEBHOOK_ADMINS: readonly Role[] = ['admin'];
