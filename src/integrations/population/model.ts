import { z } from 'zod';

/**
 * Why a lookup is made. The population database answers only for a stated, lawful purpose, and each is
 * logged with the lookup (Decree 13/2023 on personal data: purpose limitation).
 */
export const LOOKUP_PURPOSES = ['prefill_dossier', 'verify_applicant'] as const;
export type LookupPurpose = (typeof LOOKUP_PURPOSES)[number];

export const lookupInputSchema = z.object({
  idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số'),
  purpose: z.enum(LOOKUP_PURPOSES),
  /** The person agreed to this lookup (at the counter, on the portal, or through their VNeID account). */
  consent: z.object({
    given: z.boolean(),
    method: z.enum(['counter_form', 'portal_checkbox', 'vneid']).optional(),
  }),
});
export type LookupInput = z.infer<typeof lookupInputSchema>;

/** What the registry says of a person, as forms use it. */
export interface Citizen {
  fullName: string;
  /** yyyy-mm-dd; a partly known birth date keeps the parts known (yyyy or yyyy-mm). */
  birthDate: string;
  sex: 'male' | 'female';
  permanentAddress: string;
}

export const citizenSchema = z.object({
  fullName: z.string().trim().min(1).max(200),
  birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  sex: z.enum(['male', 'female']),
  permanentAddress: z.string().trim().max(500),
});

/**
 * The answer a form gets: the person, or why not — with a Vietnamese message to show, so that the officer
 * or the applicant carries on by hand when the registry refuses or cannot be reached.
 */
export type LookupResult =
  /** `answeredAt` (ISO instant, +07:00) is the provenance a form shows beside what it filled, with the request id. */
  | { kind: 'found'; requestId: string; citizen: Citizen; answeredAt: string }
  | { kind: 'not_found'; requestId: string; message: string }
  | {
      kind: 'refused';
      requestId: string;
      reason: 'consent_required' | 'not_permitted';
      message: string;
    }
  | {
      kind: 'unavailable';
      requestId: string;
      reason: 'timeout' | 'down' | 'rate_limited';
      message: string;
    };
