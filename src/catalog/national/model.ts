import { z } from 'zod';
import { timeUnitSchema } from '../../calendar/time-limit.js';
import { type ApplicantKind, applicantKindSchema, channelSchema, procedureLevelSchema } from '../model.js';

/**
 * Why a piece of a national record was not parsed. Programs read the code; people read the Vietnamese
 * reason built from it (review.ts).
 */
export const reviewCodeSchema = z.enum([
  'code_malformed',
  'decision_number_unusual',
  'level_unknown',
  'kind_unknown',
  'applicant_unknown',
  'channel_table_missing',
  'channel_text_unparsed',
  'channel_time_missing',
  'channel_time_unit_missing',
  'channel_time_text',
  'time_fee_run_together',
  'fee_unparsed',
  'fee_suspected_thousands',
  'fee_amount_conflict',
  'fee_percentage_or_formula',
  'documents_table_missing',
  'document_without_copies',
  'document_copies_ambiguous',
  'document_template_unsplit',
  'document_heading_in_table',
  'document_row_unclassified',
  'document_reads_as_guidance',
  'legal_basis_unparsed',
  'legal_number_truncated',
  'result_code_missing',
  'result_code_nonstandard',
  'result_text_unparsed',
]);
export type ReviewCode = z.infer<typeof reviewCodeSchema>;

/** A piece that could not be parsed for sure, kept verbatim with the source field it came from. */
export const reviewItemSchema = z.object({
  field: z.string(),
  code: reviewCodeSchema,
  reason: z.string(),
  text: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/**
 * The catalogue's time units (calendar/time-limit.ts), among them what the national portal shows: months
 * ("Tháng") and plain hours ("Giờ", which the portal does not say are working hours).
 */
export const nationalTimeUnitSchema = timeUnitSchema;
export type NationalTimeUnit = z.infer<typeof nationalTimeUnitSchema>;

export const nationalTimeLimitSchema = z.object({
  /** The limit, or the upper bound of a range; 0 for same-day. */
  value: z.number().nonnegative(),
  /** Lower bound of a range ("từ 05 đến 07 ngày"). */
  min: z.number().nonnegative().optional(),
  unit: nationalTimeUnitSchema,
  /** The text says "không quá" / "tối đa" / "chậm nhất": the value is a ceiling. */
  atMost: z.boolean().optional(),
  /** Received after this time of day ("sau 15 giờ") → handled as received on the next working day. */
  cutoff: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  /** The table cell of the channel, or the channel's description text. */
  source: z.enum(['table', 'description']),
  raw: z.string(),
});
export type NationalTimeLimit = z.infer<typeof nationalTimeLimitSchema>;

export const feeFlagSchema = z.enum([
  /** The cell shows nghìn đồng (e.g. "150 VNĐ") and the text states the full amount: the amount is in đồng. */
  'shown_in_thousands',
  /** The cell amount is too small to be đồng and nothing in the text confirms the unit: amount left null. */
  'suspected_thousands',
  /** The description names amounts that differ from the cell. */
  'amount_conflict',
  /** The text gives a percentage or a formula: the amount charged may differ from the figure. */
  'percentage_or_formula',
  /** The text names more than one amount (cases, options): see `mentions`. */
  'several_amounts',
]);
export type FeeFlag = z.infer<typeof feeFlagSchema>;

/** An amount named in free text, e.g. "Lệ phí: 100.000 đồng/hồ sơ". */
export const feeMentionSchema = z.object({
  label: z.string().nullable(),
  amount: z.number().nonnegative(),
  currency: z.enum(['VND', 'USD']),
  per: z.string().nullable(),
  text: z.string(),
});
export type FeeMention = z.infer<typeof feeMentionSchema>;

export const nationalFeeSchema = z.object({
  /** free: "Miễn phí"; amount: a figure; unspecified: the portal says it has no information. */
  kind: z.enum(['free', 'amount', 'unspecified']),
  /** In đồng for VND (never in thousands), in dollars for USD; null when it cannot be read for sure. */
  amount: z.number().nonnegative().nullable(),
  currency: z.enum(['VND', 'USD']).nullable(),
  /** The figure as the cell shows it, e.g. "150 VNĐ". */
  shown: z.string().nullable(),
  /** What the amount is per, when the cell's bracket says only that: "(/hồ sơ)". */
  per: z.string().nullable(),
  description: z.string().nullable(),
  mentions: z.array(feeMentionSchema),
  flags: z.array(feeFlagSchema),
  raw: z.string(),
});
export type NationalFee = z.infer<typeof nationalFeeSchema>;

export const channelEntrySchema = z.object({
  channel: channelSchema,
  /** As the portal names it: "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính". */
  label: z.string(),
  timeLimit: nationalTimeLimitSchema.nullable(),
  timeText: z.string(),
  fees: z.array(nationalFeeSchema),
  description: z.string().nullable(),
  /** Every limit the description states (e.g. same day with a 15:00 cut-off, "không quá 03 ngày làm việc"). */
  descriptionLimits: z.array(nationalTimeLimitSchema),
  /** Every amount the description names, e.g. a charge besides the fee ("Lệ phí: 100.000 đồng/hồ sơ"). */
  descriptionFees: z.array(feeMentionSchema),
});
export type ChannelEntry = z.infer<typeof channelEntrySchema>;

/**
 * How a document is handed in. The catalogue's forms (model.ts) plus `original_and_copy` for the portal's
 * "1 bản chính, 1 bản sao" when the name does not say it is one or the other.
 */
export const documentFormSchema = z.enum([
  'original',
  'copy',
  'certified_copy',
  'original_or_copy',
  'original_and_copy',
]);
export type DocumentForm = z.infer<typeof documentFormSchema>;

export const nationalDocumentSchema = z.object({
  name: z.string().min(1),
  templates: z.array(z.string()),
  /** Number of originals ("bản chính") and copies ("bản sao") the table asks for; null when unread. */
  originals: z.number().int().nonnegative().nullable(),
  copies: z.number().int().nonnegative().nullable(),
  form: documentFormSchema.nullable(),
  /** The heading of the table the document sits in, e.g. "* Giấy tờ phải xuất trình:". */
  group: z.string().nullable(),
  /** The case in which the document is required, from a "Trường hợp …" / "Đối với …" heading. */
  condition: z.string().nullable(),
  raw: z.string(),
});
export type NationalDocument = z.infer<typeof nationalDocumentSchema>;

export const legalBasisSchema = z.object({
  /** Document number, e.g. "118/2025/NĐ-CP"; null when the row has none that can be read. */
  number: z.string().nullable(),
  title: z.string(),
  /** Issue date (ISO) when the title gives it right after the document's own number. */
  date: z.iso.date().nullable(),
  issuer: z.string().nullable(),
  raw: z.string(),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const resultSchema = z.object({
  name: z.string(),
  /** National result code, e.g. "KQ.G01.000291". */
  code: z.string().nullable(),
});
export type NationalResult = z.infer<typeof resultSchema>;

export { type ApplicantKind, applicantKindSchema };

export const procedureKindSchema = z.enum(['law_delegated_detail', 'not_delegated_to_locality', 'other']);

/** A procedure of the national database as the catalogue can use it; its review list travels beside it. */
export const nationalProcedureSchema = z.object({
  code: z.string(),
  name: z.string(),
  sourceUrl: z.string().nullable(),
  ministryFolder: z.string().nullable(),
  decisions: z.array(z.object({ number: z.string(), date: z.iso.date().nullable(), raw: z.string() })),
  levels: z.array(procedureLevelSchema),
  kind: z.object({ code: procedureKindSchema.nullable(), text: z.string().nullable() }),
  field: z.string(),
  applicants: z.object({ kinds: z.array(applicantKindSchema), text: z.string() }),
  competentAgencies: z.array(z.string()),
  handlingAgencies: z.array(z.string()),
  coordinatingAgencies: z.array(z.string()),
  delegatedAgencies: z.array(z.string()),
  whereToFile: z.string().nullable(),
  steps: z.string().nullable(),
  channels: z.array(channelEntrySchema),
  documents: z.array(nationalDocumentSchema),
  /** Remarks and guidance the document tables carry ("Lưu ý …", what the officer checks), verbatim. */
  documentNotes: z.array(z.string()),
  legalBasis: z.array(legalBasisSchema),
  conditions: z.string().nullable(),
  results: z.array(resultSchema),
  /** What the portal page says about the procedure besides (its "Mô tả"), when it says something. */
  note: z.string().nullable(),
  relatedProcedures: z.array(z.string()),
});
export type NationalProcedure = z.infer<typeof nationalProcedureSchema>;

/** One record as the national portal export has it (field names as published). */
export const rawNationalRecordSchema = z.looseObject({
  ma_thu_tuc: z.string(),
  ten_thu_tuc: z.string(),
  detail_url: z.string().optional(),
  so_quyet_dinh: z.string().optional(),
  cap_thuc_hien: z.string().optional(),
  loai_thu_tuc: z.string().optional(),
  linh_vuc: z.string().optional(),
  doi_tuong_thuc_hien: z.string().optional(),
  co_quan_co_tham_quyen: z.string().optional(),
  dia_chi_tiep_nhan: z.string().optional(),
  co_quan_duoc_uy_quyen: z.string().optional(),
  co_quan_phoi_hop: z.string().optional(),
  co_quan_thuc_hien: z.string().optional(),
  thu_tuc_lien_quan: z.string().optional(),
  trinh_tu_thuc_hien: z.string().optional(),
  cach_thuc_thuc_hien: z.string().optional(),
  thanh_phan_ho_so: z.string().optional(),
  can_cu_phap_ly: z.string().optional(),
  yeu_cau_dieu_kien: z.string().optional(),
  ket_qua_xu_ly: z.string().optional(),
  ministry_folder: z.string().optional(),
});
export type RawNationalRecord = z.infer<typeof rawNationalRecordSchema>;
