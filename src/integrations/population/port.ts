import type { Citizen, LookupPurpose } from './model.js';

export type RegistryAnswer =
  | { kind: 'found'; citizen: Citizen }
  | { kind: 'not_found' }
  /** The registry refused this caller or purpose (or saw no consent). */
  | { kind: 'refused'; detail: string }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'unavailable'; reason: 'timeout' | 'down'; detail: string };

/** The national population database as a form needs it: one person by identity number. */
export interface PopulationRegistry {
  lookup(request: {
    idNumber: string;
    purpose: LookupPurpose;
    /** Ours, for the registry's log and ours to match; never derived from the person. */
    requestId: string;
    consent: true;
  }): Promise<RegistryAnswer>;
}
