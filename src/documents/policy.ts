import type { Actor, Role } from '../auth/roles.js';

/** Who uploads files: applicants for their dossiers, the front desk for scans, the back office for results. */
export const UPLOAD_ROLES: readonly Role[] = [
  'citizen',
  'receiver',
  'postal',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
];

/** A wallet belongs to an account of a citizen or an organisation. */
export const WALLET_OWNER_ROLES: readonly Role[] = ['citizen'];

/**
 * A wallet item is visible to its owner, and to officers handling a dossier it was used in (Decree 45/2020
 * art. 16: the data is reused for that dossier, not opened to the administration at large).
 */
export function canSeeWalletItem(
  actor: Actor,
  item: { ownerId: number },
  readsADossierItWasUsedIn: boolean,
): boolean {
  if (actor.role === 'citizen') return item.ownerId === actor.id;
  return readsADossierItWasUsedIn;
}
