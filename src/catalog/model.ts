import { z } from 'zod';

export const levelSchema = z.enum(['province', 'commune']);
export const procedureLevelSchema = z.enum(['ministry', 'province', 'commune', 'other']);
export const onlineLevelSchema = z.enum(['full', 'partial', 'none']);
export const channelSchema = z.enum(['online', 'counter', 'postal']);

export const timeLimitSchema = z.object({
  value: z.number().nullable(),
  unit: z.enum(['working_days', 'working_hours', 'days', 'same_day', 'unspecified']),
  cutoff: z.string().optional(),
  note: z.string().optional(),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const feeSchema = z.object({
  amount: z.number().nullable(),
  currency: z.literal('VND'),
  basis: z.string().nullable(),
  description: z.string().nullable(),
  exemptions: z.string().nullable(),
});
export type Fee = z.infer<typeof feeSchema>;

export const requiredDocumentSchema = z.object({
  name: z.string().min(1),
  form: z.enum(['original', 'copy', 'original_or_copy', 'certified_copy']),
  copies: z.number().int().min(1),
  template: z.string().nullable(),
  formSchema: z.record(z.string(), z.unknown()).nullable(),
});
export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;

/** A procedure as the catalogue holds it (code names from DESIGN.md §2). */
export interface ProcedureRecord {
  code: string;
  name: string;
  field: string;
  levels: z.infer<typeof procedureLevelSchema>[];
  agencyKinds: string[];
  competentAgency: string | null;
  ministry: string | null;
  timeLimit: TimeLimit;
  fees: Fee[];
  documents: RequiredDocument[];
  legalBasis: string | null;
  onlineLevel: z.infer<typeof onlineLevelSchema>;
  channels: z.infer<typeof channelSchema>[];
  resultType: string | null;
  receivedAtCentre: boolean;
  internal: boolean;
  sourceUrl: string | null;
}

export const publicationSchema = z.object({
  kind: z.enum(['publish', 'amend', 'abolish']),
  decisionNumber: z.string().trim().min(1).max(100),
  decisionDate: z.iso.date(),
  effectiveDate: z.iso.date(),
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
  })
  .partial();
export type ProcedureEdit = z.infer<typeof procedureEditSchema>;
