import { z } from 'zod';
import { timeLimitSchema } from '../calendar/time-limit.js';
import { isoDate } from '../shared/api-schemas.js';

export const levelSchema = z.enum(['province', 'commune']);
export const procedureLevelSchema = z.enum(['ministry', 'province', 'commune', 'other']);
export const onlineLevelSchema = z.enum(['full', 'partial', 'none']);
export const channelSchema = z.enum(['online', 'counter', 'postal']);

export const feeSchema = z.object({
  /** In đồng; bounded so that no published fee can be absurd. */
  amount: z.number().min(0).max(1_000_000_000_000).nullable(),
  currency: z.literal('VND'),
  basis: z.string().max(2000).nullable(),
  description: z.string().max(2000).nullable(),
  exemptions: z.string().max(2000).nullable(),
});
export type Fee = z.infer<typeof feeSchema>;

export const requiredDocumentSchema = z.object({
  name: z.string().min(1).max(2000),
  form: z.enum(['original', 'copy', 'original_or_copy', 'certified_copy']),
  copies: z.number().int().min(1).max(50),
  template: z.string().max(500).nullable(),
  /** The e-form as JSON Schema; checked to compile before it is saved (see eform.ts). */
  formSchema: z.record(z.string(), z.unknown()).nullable(),
});
export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;

/**
 * What a procedure version fixes: what the portal shows and what a dossier received under it keeps for its
 * whole life (time limit, fees, documents and e-form, channels, online level).
 */
export const procedureContentSchema = z.object({
  name: z.string().min(1),
  field: z.string().min(1),
  timeLimit: timeLimitSchema,
  fees: z.array(feeSchema),
  documents: z.array(requiredDocumentSchema),
  legalBasis: z.string().nullable(),
  onlineLevel: onlineLevelSchema,
  channels: z.array(channelSchema),
  resultType: z.string().nullable(),
});
export type ProcedureContent = z.infer<typeof procedureContentSchema>;

/** A procedure as the catalogue holds it (code names from DESIGN.md §2): its content and how it is routed. */
export interface ProcedureRecord extends ProcedureContent {
  code: string;
  levels: z.infer<typeof procedureLevelSchema>[];
  agencyKinds: string[];
  competentAgency: string | null;
  ministry: string | null;
  receivedAtCentre: boolean;
  internal: boolean;
  sourceUrl: string | null;
}

/** Who made a content version and on what authority. */
export interface VersionProvenance {
  by: number | null;
  decisionNumber?: string | null;
  note?: string | null;
}

export const publicationSchema = z.object({
  kind: z.enum(['publish', 'amend', 'abolish']),
  decisionNumber: z.string().trim().min(1).max(100),
  decisionDate: isoDate('1990-01-01', '2100-12-31'),
  effectiveDate: isoDate('1990-01-01', '2100-12-31'),
  note: z.string().max(2000).optional(),
});
export type PublicationInput = z.infer<typeof publicationSchema>;

/** What a controller may edit on a procedure between publications (the code stays). */
export const procedureEditSchema = z
  .object({
    name: z.string().trim().min(3).max(1000),
    field: z.string().trim().min(2).max(200),
    timeLimit: timeLimitSchema,
    fees: z.array(feeSchema).max(50),
    documents: z.array(requiredDocumentSchema).max(100),
    legalBasis: z.string().trim().max(5000).nullable(),
    onlineLevel: onlineLevelSchema,
    channels: z.array(channelSchema).min(1).max(3),
    resultType: z.string().trim().max(1000).nullable(),
    /** The decision that amends the procedure, when there is one; recorded on the new version. */
    decisionNumber: z.string().trim().min(1).max(100),
    note: z.string().trim().max(2000),
  })
  .partial();
export type ProcedureEdit = z.infer<typeof procedureEditSchema>;
