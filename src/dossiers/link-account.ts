import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { Decision } from './events.js';
import type { DossierStatus } from './model.js';
import { recordEvent } from './record-event.js';
import type { DossierRow } from './store.js';
import { unclaimedDossiersOf } from './store.js';

/** At most this many dossiers are linked at one login; the rest follow at the next. */
const LINK_BATCH = 200;

/** The event that gives a dossier its applicant's account. */
export function linkDecision(row: DossierRow, ownerId: number, at: number): Decision {
  return {
    action: 'link_account',
    at,
    actorId: ownerId,
    actorRole: 'citizen',
    actorAgency: null,
    agencyCode: row.handling_agency,
    fromStep: row.step_key,
    toStep: row.step_key,
    fromStatus: row.status as DossierStatus,
    toStatus: row.status as DossierStatus,
    note: null,
    payload: { ownerId },
  };
}

/**
 * Dossiers received at a counter or by post for a person have no account. When that person signs in with an
 * identity number the identity provider verified, each of their dossiers without an account joins theirs,
 * through the one writer (an event per dossier), so that they follow it, withdraw it, add to it and rate it
 * online. A dossier someone else filed online for them stays with its filer. Returns how many were linked.
 */
export async function linkDossiersToAccount(
  db: Kysely<Database>,
  account: { userId: number; verifiedIdNumber: string },
  at: number,
): Promise<number> {
  const rows = await unclaimedDossiersOf(db, account.verifiedIdNumber, LINK_BATCH);
  let linked = 0;
  for (const row of rows) {
    try {
      await recordEvent(db, { kind: 'existing', row }, linkDecision(row, account.userId, at));
      linked++;
    } catch (error) {
      // An officer acted on it at this moment: it is linked at the next login.
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
    }
  }
  return linked;
}
