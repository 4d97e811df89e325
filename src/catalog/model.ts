import { z } from 'zod';
import { timeLimitSchema } from '../calendar/time-limit.js';
import { isoDate } from '../shared/api-schemas.js';

export const levelSchema = z.enum(['province', 'commune']);
export const procedureLevelSchema = z.enum(['ministry', 'province', 'commune', 'other']);
export const onlineLevelSchema = z.enum(['full', 'partial', 'none']);
export const channelSchema = z.enum(['online', 'counter', 'postal']);
export type Channel = z.infer<typeof channelSchema>;

/** Long free texts of a procedure (its steps, its conditions) run to tens of thousands of characters. */
const LONG_TEXT = 100_000;

export const feeFlagSchema = z.enum([
  /** The portal shows the amount in thousands ("150 VNĐ") and the text states it in đồng: `amount` is in đồng. */
  'shown_in_thousands',
  /** The amount could not be read for sure: it stays null and `shown` / `description` keep the text. */
  'unparsed',
  /** A percentage or a formula: the amount charged may differ from any figure shown. */
  'percentage_or_formula',
  /** The text names several amounts (cases, options). */
  'several_amounts',
]);
export type FeeFlag = z.infer<typeof feeFlagSchema>;

export const feeSchema = z.object({
  /** In đồng (in dollars for USD); bounded so that no published fee can be absurd; null when not read for sure. */
  amount: z.number().min(0).max(1_000_000_000_000).nullable(),
  currency: z.enum(['VND', 'USD']),
  basis: z.string().max(2000).nullable(),
  description: z.string().max(20_000).nullable(),
  exemptions: z.string().max(2000).nullable(),
  /** What the fee is, when the source names it ("Lệ phí", "Phí thẩm định"). */
  label: z.string().max(500).nullable().default(null),
  /** The figure exactly as published ("150 VNĐ"), kept beside the amount read from it. */
  shown: z.string().max(200).nullable().default(null),
  flags: z.array(feeFlagSchema).max(4).default([]),
});
export type Fee = z.infer<typeof feeSchema>;

/**
 * How a document is handed in: original (bản chính), copy (bản sao), certified copy (bản sao chứng thực), either,
 * or an original together with a copy.
 */
export const documentFormSchema = z.enum([
  'original',
  'copy',
  'certified_copy',
  'original_or_copy',
  'original_and_copy',
]);
export type DocumentForm = z.infer<typeof documentFormSchema>;

/** A form template (mẫu đơn, tờ khai): its published file name, and the stored file when the catalogue has it. */
export const templateRefSchema = z.object({
  fileName: z.string().trim().min(1).max(300),
  fileId: z.number().int().positive().nullable().default(null),
});
export type TemplateRef = z.infer<typeof templateRefSchema>;

export const requiredDocumentSchema = z.object({
  name: z.string().min(1).max(5000),
  /** Null when the published table does not say (a note row, or a count that could not be read). */
  form: documentFormSchema.nullable(),
  /** Pieces handed in (0 when the published table gives none). */
  copies: z.number().int().min(0).max(50),
  /** A description of the form template (older versions name it in words). */
  template: z.string().max(500).nullable(),
  /** The e-form as JSON Schema; checked to compile before it is saved (see eform.ts). */
  formSchema: z.record(z.string(), z.unknown()).nullable(),
  /** Originals and copies exactly as the published table counts them ("1 bản chính, 1 bản sao"). */
  quantity: z
    .object({ originals: z.number().int().min(0).max(50), copies: z.number().int().min(0).max(50) })
    .nullable()
    .default(null),
  templates: z.array(templateRefSchema).max(20).default([]),
  /** The case in which the document is required ("Trường hợp trẻ em bị bỏ rơi"); null when always. */
  condition: z.string().max(5000).nullable().default(null),
  /** The heading the document is listed under ("Giấy tờ phải nộp", "Giấy tờ phải xuất trình"). */
  group: z.string().max(2000).nullable().default(null),
});
export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;

/** What one channel offers: its own time limit and fees (online, postal and counter may differ). */
export const channelDetailSchema = z.object({
  channel: channelSchema,
  timeLimit: timeLimitSchema,
  fees: z.array(feeSchema).max(20),
  description: z.string().max(20_000).nullable(),
});
export type ChannelDetail = z.infer<typeof channelDetailSchema>;

export const applicantKindSchema = z.enum([
  'vietnamese_citizen',
  'overseas_vietnamese',
  'foreigner',
  'foreign_resident',
  'organisation',
  'foreign_organisation',
  'enterprise',
  'vietnamese_enterprise',
  'foreign_invested_enterprise',
  'cooperative',
  'public_servant',
  'party_organisation',
  'party_member',
]);
export type ApplicantKind = z.infer<typeof applicantKindSchema>;

export const legalDocumentSchema = z.object({
  /** Document number, e.g. "118/2025/NĐ-CP"; null when the source gives none that can be read. */
  number: z.string().max(200).nullable(),
  title: z.string().max(5000),
  date: z.iso.date().nullable().default(null),
});
export type LegalDocument = z.infer<typeof legalDocumentSchema>;

/**
 * Why a procedure is offered less than fully online: the reasons Decree 224/2026 art. 14 lets a procedure keep
 * (legal: the law requires the applicant in person or a check on site; technical: a fault not yet fixed or another
 * technical cause), and, for a legal text that requires something else, a named legal reason.
 */
export const onlineReasonCodeSchema = z.enum([
  'physical_presence',
  'on_site_verification',
  'other_legal',
  'technical_fault',
  'other_technical',
]);
export type OnlineReasonCode = z.infer<typeof onlineReasonCodeSchema>;

export const onlineReasonSchema = z.object({
  code: onlineReasonCodeSchema,
  text: z.string().trim().min(10).max(2000),
});
export type OnlineReason = z.infer<typeof onlineReasonSchema>;

export const guidanceSchema = z.object({
  /** A video explaining the procedure (https only). */
  videoUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable()
    .default(null),
  faqs: z
    .array(
      z.object({ question: z.string().trim().min(3).max(500), answer: z.string().trim().min(1).max(5000) }),
    )
    .max(50)
    .default([]),
  /** Sample filled dossiers (hồ sơ mẫu) stored as files. */
  samples: z
    .array(z.object({ title: z.string().trim().min(1).max(300), fileId: z.number().int().positive() }))
    .max(20)
    .default([]),
});
export type Guidance = z.infer<typeof guidanceSchema>;

const EMPTY_AGENCIES = { competent: [], handling: [], coordinating: [], delegated: [] };
const agencyList = z.array(z.string().max(2000)).max(50);

/**
 * What a procedure version fixes: what the portal shows and what a dossier received under it keeps for its whole
 * life (time limits, fees, documents and e-form, channels, online level). Fields added after the first versions
 * were written have defaults, so every stored version still reads.
 */
export const procedureContentSchema = z.object({
  name: z.string().min(1).max(2000),
  field: z.string().min(1).max(500),
  /** The limit for every channel that has none of its own. */
  timeLimit: timeLimitSchema,
  fees: z.array(feeSchema),
  documents: z.array(requiredDocumentSchema),
  /**
   * Remarks published with the document list ("Lưu ý", what the officer checks, when a paper need not be handed
   * in): shown to applicants beside the list, never ticked as documents.
   */
  documentNotes: z.array(z.string().max(5000)).max(200).default([]),
  /** Free text of the legal basis (older versions); `legalDocuments` lists the texts one by one. */
  legalBasis: z.string().max(LONG_TEXT).nullable(),
  onlineLevel: onlineLevelSchema,
  channels: z.array(channelSchema),
  resultType: z.string().max(5000).nullable(),
  /** The portal's kind of procedure ("TTHC được giao luật quy định chi tiết"). */
  kind: z.string().max(200).nullable().default(null),
  applicants: z
    .object({ kinds: z.array(applicantKindSchema).max(20), text: z.string().max(2000).nullable() })
    .default({ kinds: [], text: null }),
  agencies: z
    .object({ competent: agencyList, handling: agencyList, coordinating: agencyList, delegated: agencyList })
    .default(EMPTY_AGENCIES),
  whereToFile: z.string().max(10_000).nullable().default(null),
  steps: z.string().max(LONG_TEXT).nullable().default(null),
  channelDetails: z.array(channelDetailSchema).max(60).default([]),
  conditions: z.string().max(LONG_TEXT).nullable().default(null),
  results: z
    .array(z.object({ name: z.string().max(5000), code: z.string().max(100).nullable() }))
    .max(30)
    .default([]),
  legalDocuments: z.array(legalDocumentSchema).max(200).default([]),
  relatedProcedures: z.array(z.string().max(40)).max(50).default([]),
  /** The ministry's decisions that publish the procedure in the national database ("4472/QĐ-BTC"). */
  announcingDecisions: z.array(z.string().max(200)).max(20).default([]),
  /** Required when the level is less than full (Decree 224/2026 art. 14); shown on the portal. */
  onlineReason: onlineReasonSchema.nullable().default(null),
  guidance: guidanceSchema.default({ videoUrl: null, faqs: [], samples: [] }),
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
    name: z.string().trim().min(3).max(2000),
    field: z.string().trim().min(2).max(200),
    timeLimit: timeLimitSchema,
    fees: z.array(feeSchema).max(50),
    documents: z.array(requiredDocumentSchema).max(100),
    documentNotes: z.array(z.string().trim().min(1).max(5000)).max(200),
    legalBasis: z.string().trim().max(5000).nullable(),
    onlineLevel: onlineLevelSchema,
    channels: z.array(channelSchema).min(1).max(3),
    resultType: z.string().trim().max(1000).nullable(),
    applicants: procedureContentSchema.shape.applicants.unwrap(),
    whereToFile: z.string().trim().max(10_000).nullable(),
    channelDetails: z.array(channelDetailSchema).max(60),
    conditions: z.string().trim().max(LONG_TEXT).nullable(),
    results: procedureContentSchema.shape.results.unwrap(),
    legalDocuments: z.array(legalDocumentSchema).max(200),
    onlineReason: onlineReasonSchema.nullable(),
    guidance: guidanceSchema,
    /** The decision that amends the procedure, when there is one; recorded on the new version. */
    decisionNumber: z.string().trim().min(1).max(100),
    note: z.string().trim().max(2000),
  })
  .partial();
export type ProcedureEdit = z.infer<typeof procedureEditSchema>;

/** A group of linked procedures (nhóm thủ tục liên thông): the procedures an applicant goes through, in order. */
export const procedureGroupCodeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Mã nhóm gồm chữ thường không dấu, chữ số và dấu gạch ngang');

export const procedureGroupInputSchema = z.object({
  name: z.string().trim().min(3).max(500),
  description: z.string().trim().max(5000).nullable(),
  members: z
    .array(
      z.object({
        procedureCode: z.string().trim().min(1).max(40),
        note: z.string().trim().max(1000).nullable(),
      }),
    )
    .min(2)
    .max(20),
});
export type ProcedureGroupInput = z.infer<typeof procedureGroupInputSchema>;
