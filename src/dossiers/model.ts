import { z } from 'zod';
import { emailSchema, isoDate, vietnamToday, yearsFromToday } from '../shared/api-schemas.js';

export const STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'processing',
  'supplement_requested',
  /** The applicant must pay what processing found due (taxes, charges) before the dossier goes on. */
  'payment_requested',
  /** The applicant asked to withdraw a dossier being processed: the agency stops it and says so. */
  'withdrawal_requested',
  'processed',
  'stopped',
  'returned',
] as const;
export type DossierStatus = (typeof STATUSES)[number];

/**
 * Status codes synced to the national portal (RULES.md §2): 1 newly registered, 2 accepted, 3 not
 * accepted, 4 processing, 5 supplement requested, 6 financial obligation requested, 7 withdrawal
 * requested, 8 stopped, 9 processed, 10 result returned. Codes 6 and 7 belong to payments and to a
 * withdrawal that needs approval, which this module does not model yet.
 */
export const NATIONAL_STATUS: Record<DossierStatus, number> = {
  submitted: 1,
  accepted: 2,
  rejected: 3,
  processing: 4,
  supplement_requested: 5,
  payment_requested: 6,
  withdrawal_requested: 7,
  stopped: 8,
  processed: 9,
  returned: 10,
};

export const STATUS_NAMES_VI: Record<DossierStatus, string> = {
  submitted: 'Mới đăng ký, chờ tiếp nhận',
  accepted: 'Đã tiếp nhận',
  rejected: 'Từ chối tiếp nhận',
  processing: 'Đang xử lý',
  supplement_requested: 'Yêu cầu bổ sung, hoàn thiện',
  payment_requested: 'Chờ thực hiện nghĩa vụ tài chính',
  withdrawal_requested: 'Đề nghị rút hồ sơ, chờ dừng xử lý',
  processed: 'Đã có kết quả',
  stopped: 'Dừng xử lý',
  returned: 'Đã trả kết quả',
};

export const CHANNELS = ['counter', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channel codes of the national portal: 1 counter, 2 online, 3 postal. */
export const CHANNEL_CODE: Record<Channel, number> = { counter: 1, online: 2, postal: 3 };

const phone = z.string().regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ');
const address = z.object({
  line: z.string().trim().min(1).max(300),
  wardCode: z.string().regex(/^\d{5}$/, 'Mã xã, phường gồm 5 chữ số'),
});

const person = z.object({
  kind: z.literal('person'),
  fullName: z.string().trim().min(2).max(200),
  idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số'),
  birthDate: isoDate('1900-01-01', vietnamToday),
  address,
  phone,
  email: emailSchema.optional(),
});

const organisation = z.object({
  kind: z.literal('organisation'),
  fullName: z.string().trim().min(2).max(300),
  idNumber: z.string().regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế/mã số doanh nghiệp gồm 10 chữ số (hoặc 10-3)'),
  address,
  phone,
  email: emailSchema.optional(),
});

export const applicantSchema = z.discriminatedUnion('kind', [person, organisation]);
export type Applicant = z.infer<typeof applicantSchema>;

export const representativeSchema = z.object({
  fullName: z.string().trim().min(2).max(200),
  idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số'),
  address: z.string().trim().max(300).optional(),
  phone: phone.optional(),
  email: emailSchema.optional(),
  authorisation: z.string().trim().max(300).optional(),
});

/** A stored file as a dossier's events record it (kept by the documents module under its SHA-256). */
export const fileRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  bytes: z.number().int().positive(),
  mime: z.string(),
  pages: z.number().int().positive().nullable(),
});
export type FileRefValue = z.infer<typeof fileRefSchema>;

/**
 * Where a document of a dossier came from: a new upload, the applicant's data wallet (reuse, with consent),
 * a national register, or paper handed in at the counter. The indicators count reuse from this.
 */
export const DOCUMENT_ORIGINS = ['upload', 'wallet', 'registry', 'paper'] as const;

/** A digital signature found on a submitted file, as verified on receipt (plan 56/KH-UBND IV.2.d). */
export const signatureCheckSchema = z.object({
  signer: z.string().nullable(),
  organization: z.string().nullable(),
  signedAt: z.string().nullable(),
  valid: z.boolean(),
  intact: z.boolean(),
  trusted: z.boolean(),
  problems: z.array(z.string()),
});

/**
 * A document as the dossier records it. Files, origin and signature checks are absent from events recorded
 * before documents carried files.
 */
export const submittedDocumentSchema = z.object({
  name: z.string().trim().min(1).max(500),
  form: z.enum(['original', 'copy', 'certified_copy']),
  copies: z.number().int().min(1).max(50).default(1),
  origin: z.enum(DOCUMENT_ORIGINS).optional(),
  /** The files, pages in order. */
  files: z.array(fileRefSchema).optional(),
  walletItemId: z.number().int().positive().optional(),
  signatures: z.array(signatureCheckSchema).optional(),
});

export type SubmittedDocument = z.infer<typeof submittedDocumentSchema>;

const uploadIds = (max: number) => z.array(z.uuid()).max(max);

/** A document as an applicant or an officer names it in a request: new uploads, or a wallet item to reuse. */
export const documentInputSchema = z
  .object({
    name: z.string().trim().min(1).max(500),
    form: z.enum(['original', 'copy', 'certified_copy']),
    copies: z.number().int().min(1).max(50).default(1),
    /** Files uploaded for it (POST /api/uploads), pages in order. */
    uploads: uploadIds(50).optional(),
    /** An item of the applicant's data wallet used in its place. */
    walletItemId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((d) => !(d.uploads?.length && d.walletItemId), {
    message: 'Một giấy tờ hoặc tải tệp mới, hoặc dùng lại từ kho dữ liệu, không cả hai',
    path: ['walletItemId'],
  });
export type DocumentInput = z.infer<typeof documentInputSchema>;

export const intakeSchema = z.object({
  procedureCode: z.string().min(1).max(40),
  channel: z.enum(CHANNELS),
  applicant: applicantSchema,
  representative: representativeSchema.optional(),
  documents: z.array(documentInputSchema).max(100).default([]),
  /** The applicant agrees that the wallet items chosen are used for this dossier (required when any is). */
  reuseConsent: z.boolean().optional(),
  formData: z.record(z.string(), z.unknown()).default({}),
  /** The centre where the dossier is received (online filings); counter intake uses the receiver's own centre. */
  receivingCentre: z.string().max(35).optional(),
  /** The competent agency when the procedure's level and the applicant's address leave a choice. */
  handlingAgency: z.string().max(35).optional(),
});
export type IntakeInput = z.infer<typeof intakeSchema>;

const reasons = z.string().trim().min(3, 'Cần nêu rõ lý do').max(2000);

/**
 * Why a paper document is not scanned at reception (Decree 61/2018 art. 17; Decree 118/2025): it was only
 * shown (the original is handed back), or it is classified.
 */
export const EXEMPTIONS = ['shown_only', 'classified'] as const;

/** One document at the counter: its scanned pages in order, or why it is not scanned. */
const digitisedInputSchema = z
  .object({
    name: z.string().trim().min(1).max(500),
    uploads: uploadIds(200).default([]),
    exemption: z.enum(EXEMPTIONS).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.exemption && d.uploads.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['exemption'],
        message: 'Giấy tờ được miễn số hóa thì không kèm bản quét',
      });
    if (!d.exemption && d.uploads.length === 0)
      ctx.addIssue({ code: 'custom', path: ['uploads'], message: 'Cần bản quét, hoặc lý do không số hóa' });
    if (d.exemption && (d.reason ?? '').length < 3)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Cần nêu lý do không số hóa' });
  });
/** The dossier version the caller saw (optimistic concurrency). */
const version = z.number().int().min(1).max(1_000_000);

export const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), version: version, note: z.string().max(2000).optional() }),
  z.object({
    action: z.literal('request_supplement'),
    version: version,
    items: z
      .array(z.string().trim().min(1).max(500))
      .min(1, 'Liệt kê đầy đủ các nội dung cần bổ sung')
      .max(50),
    reason: reasons,
  }),
  z.object({
    action: z.literal('submit_supplement'),
    version: version,
    documents: z.array(documentInputSchema).min(1).max(100),
    reuseConsent: z.boolean().optional(),
    note: z.string().max(2000).optional(),
  }),
  z.object({ action: z.literal('reject'), version: version, reason: reasons }),
  z.object({ action: z.literal('assign'), version: version, assignee: z.string().min(1).max(64) }),
  z.object({
    action: z.literal('forward'),
    version: version,
    toStep: z.string().max(40).optional(),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    action: z.literal('send_back'),
    version: version,
    toStep: z.string().max(40),
    reason: reasons,
  }),
  z.object({
    action: z.literal('consult'),
    version: version,
    agencies: z.array(z.string().max(35)).min(1).max(20),
    question: z.string().trim().min(3).max(4000),
    workingDays: z.number().gt(0).max(30),
  }),
  z.object({
    action: z.literal('answer_consultation'),
    version: version,
    answer: z.string().trim().min(1).max(4000),
  }),
  z.object({
    action: z.literal('transfer'),
    version: version,
    toAgency: z.string().max(35),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    action: z.literal('approve'),
    version: version,
    note: z.string().max(2000).optional(),
  }),
  z.object({ action: z.literal('refuse'), version: version, reason: reasons }),
  z.object({
    action: z.literal('digitise'),
    version: version,
    documents: z.array(digitisedInputSchema).min(1).max(100),
  }),
  z.object({
    action: z.literal('attach_result'),
    version: version,
    /** One PDF, or scans of the paper result (JPEG/PNG pages in order). */
    uploads: uploadIds(200).min(1),
    kind: z.enum(['electronic', 'digitised']),
    title: z.string().trim().min(2).max(300),
    validUntil: isoDate(yearsFromToday(-1), yearsFromToday(100)).optional(),
  }),
  z.object({ action: z.literal('sign'), version: version }),
  z.object({
    action: z.literal('issue_result'),
    version: version,
    resultNumber: z.string().trim().max(100).optional(),
  }),
  z.object({
    action: z.literal('return_result'),
    version: version,
    method: z.enum(['counter', 'post', 'online']),
  }),
  z.object({ action: z.literal('withdraw'), version: version, reason: reasons }),
  /** Processing found a financial obligation (tax, charge) the applicant must meet before it goes on. */
  z.object({
    action: z.literal('request_payment'),
    version: version,
    amount: z.number().int().min(1).max(1_000_000_000_000),
    reason: reasons,
    /** The last day to pay, when the obligation has one. */
    payBy: isoDate(yearsFromToday(-1), yearsFromToday(2)).optional(),
  }),
  /** The agency stops a dossier its applicant asked to withdraw, with the stop-processing notice. */
  z.object({ action: z.literal('stop_processing'), version: version, reason: reasons }),
  /** The obligation is met (the receipt or the payment's reference); processing goes on. */
  z.object({
    action: z.literal('confirm_payment'),
    version: version,
    reference: z.string().trim().min(1).max(100),
    note: z.string().trim().max(2000).optional(),
  }),
  z.object({
    action: z.literal('apologise'),
    version: version,
    reason: reasons,
    /** A working day after the current appointment, within a few years (Decree 61/2018 art. 19.9). */
    newDueDate: isoDate(yearsFromToday(-1), yearsFromToday(5)),
  }),
]);
export type ActionInput = z.infer<typeof actionSchema>;
export type ActionName = ActionInput['action'];

/** Every action of the API, in the order the action schema lists them. */
export const ACTION_NAMES: ActionName[] = actionSchema.options.map((option) => option.shape.action.value);
