import type { Role } from '../../auth/roles.js';

/**
 * Who may choose the channels of a dossier's notices: the applicant on their own dossier, and the officer
 * at the counter or the postal worker who takes it in on the applicant's word. The dossier must be one
 * they may read (the dossiers module's rule).
 */
export const CHANNEL_CHOOSERS: readonly Role[] = ['citizen', 'receiver', 'postal'];
