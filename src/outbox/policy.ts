import type { Role } from '../auth/roles.js';

/** The operator (system administrator) watches the outbox and replays dead letters. */
export const OUTBOX_OPERATORS: readonly Role[] = ['admin'];
