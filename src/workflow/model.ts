import { z } from 'zod';
import { ROLES } from '../auth/roles.js';

/** What a step is for; it decides which actions the step offers (see actionsOf). */
export const STEP_KINDS = [
  'reception',
  'assignment',
  'appraisal',
  'review',
  'approval',
  'issuing',
  'return',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const budgetSchema = z.object({
  value: z.number().gt(0).max(10_000),
  unit: z.enum(['working_days', 'working_hours']),
});

export const stepSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Mã bước chỉ gồm chữ thường, số, gạch dưới'),
  name: z.string().trim().min(1).max(500),
  kind: z.enum(STEP_KINDS),
  role: z.enum(ROLES),
  /** A unit code of the handling agency, or the receiving centre for reception and return steps. */
  unit: z.string().max(40).nullable().default(null),
  /** Working time the step may take; null = not counted (e.g. returning the result). */
  budget: budgetSchema.nullable(),
  next: z.array(z.string()).default([]),
});
export type Step = z.infer<typeof stepSchema>;

export const processInputSchema = z.object({
  agencyCode: z.string().max(35).nullable().default(null),
  hoursPerDay: z.number().gt(0).max(24).nullable().default(null),
  steps: z.array(stepSchema).min(2).max(40),
});
export type ProcessInput = z.infer<typeof processInputSchema>;

export interface ProcessDefinition extends ProcessInput {
  id: number;
  procedureCode: string;
  version: number;
  status: 'draft' | 'published';
  decisionNumber: string | null;
  effectiveDate: string | null;
}

export const RECEIVING_CENTRE = 'receiving_centre';

/** Actions a step offers, besides those allowed at any step (apologise, withdraw, answer a consultation). */
export function actionsOf(kind: StepKind): readonly string[] {
  switch (kind) {
    case 'reception':
      return ['accept', 'request_supplement', 'reject', 'forward', 'digitise'];
    case 'assignment':
      return ['assign', 'forward', 'send_back'];
    case 'appraisal':
      return ['forward', 'send_back', 'request_supplement', 'consult', 'transfer', 'refuse', 'attach_result'];
    case 'review':
      return ['forward', 'send_back', 'refuse', 'attach_result'];
    case 'approval':
      return ['approve', 'refuse', 'send_back', 'attach_result'];
    case 'issuing':
      return ['attach_result', 'sign', 'issue_result'];
    case 'return':
      return ['return_result'];
  }
}
