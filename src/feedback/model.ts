import { z } from 'zod';
import { emailSchema } from '../shared/api-schemas.js';

/** What the feedback is about: an administrative regulation, or the service (handling of a procedure). */
export const SUBJECTS = ['regulation', 'service'] as const;
export type Subject = (typeof SUBJECTS)[number];

export const SUBJECT_NAMES_VI: Record<Subject, string> = {
  regulation: 'Phản ánh, kiến nghị về quy định hành chính',
  service: 'Phản ánh, kiến nghị về việc giải quyết thủ tục hành chính',
};

/** How it reached us: the portal, an officer entering paper / phone / e-mail / post, or an Open311 client. */
export const FEEDBACK_CHANNELS = ['portal', 'counter', 'phone', 'email', 'post', 'open311'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
/** Channels an officer enters from. */
export const OFFICER_CHANNELS = ['counter', 'phone', 'email', 'post'] as const;

export const FEEDBACK_STATUSES = [
  'received',
  'logged',
  'clarification_requested',
  'handling',
  'handled',
  'answered',
  'published',
  'not_accepted',
  'forwarded',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Statuses after which nothing is owed any more (a published answer can still be rated by its submitter). */
export const FINISHED_STATUSES: readonly FeedbackStatus[] = ['published', 'not_accepted', 'forwarded'];

export const STATUS_NAMES_VI: Record<FeedbackStatus, string> = {
  received: 'Đã nhận',
  logged: 'Đã vào sổ, chờ phân loại',
  clarification_requested: 'Đề nghị làm rõ nội dung',
  handling: 'Đang xử lý',
  handled: 'Đã có kết quả xử lý',
  answered: 'Đã trả lời',
  published: 'Đã công khai kết quả',
  not_accepted: 'Không tiếp nhận',
  forwarded: 'Đã chuyển cơ quan có thẩm quyền',
};

/**
 * Classification after logging (Decree 20/2008; RULES.md §7): not accepted (not about a regulation or
 * unlawful content); about an officer's conduct, forwarded to whoever handles conduct; within the province's
 * competence, assigned to the competent agency; outside it, forwarded to the competent body.
 */
export const CLASSIFICATIONS = [
  'not_accepted',
  'staff_conduct',
  'within_competence',
  'outside_competence',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

const phone = z.string().regex(/^(\+84|0)\d{9,10}$/, 'Số điện thoại không hợp lệ');

export const submitterSchema = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  phone: phone.optional(),
  email: emailSchema.optional(),
  address: z.string().trim().max(300).optional(),
});
export type Submitter = z.infer<typeof submitterSchema>;

export const locationSchema = z.object({
  lat: z.number().min(-90).max(90).optional(),
  long: z.number().min(-180).max(180).optional(),
  address: z.string().trim().max(300).optional(),
});
export type FeedbackLocation = z.infer<typeof locationSchema>;

const title = z.string().trim().min(5, 'Tiêu đề cần ít nhất 5 ký tự').max(300);
const content = z.string().trim().min(20, 'Nội dung cần ít nhất 20 ký tự').max(10_000);

/** What a submission carries, whatever the channel. */
export const submissionSchema = z.object({
  subject: z.enum(SUBJECTS),
  title,
  content,
  /** Absent: anonymous (contact optional; anonymous feedback gets no notice, only the key to follow it). */
  submitter: submitterSchema.optional(),
  procedureCode: z.string().trim().max(40).optional(),
  dossierCode: z.string().trim().max(60).optional(),
  /** The agency the submitter thinks concerned (a hint for classification). */
  agencyConcerned: z.string().trim().max(35).optional(),
  location: locationSchema.optional(),
  /** A link to a photo or document (uploads wait for the documents module). */
  mediaUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** An officer entering feedback received on paper, by phone, by e-mail or by post, with when it arrived. */
export const officerEntrySchema = submissionSchema.extend({
  channel: z.enum(OFFICER_CHANNELS),
  /** When it reached the agency (ISO instant, at most 30 days back): the deadlines count from it. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type OfficerEntry = z.infer<typeof officerEntrySchema>;

const reason = z.string().trim().min(3, 'Cần nêu rõ').max(4000);
const longText = z.string().trim().min(3, 'Cần nêu rõ').max(10_000);
const version = z.number().int().min(1).max(1_000_000);

/** The officers' actions on a feedback item. */
export const officerActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('log'), version, note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('request_clarification'), version, question: reason }),
  z.object({
    action: z.literal('classify'),
    version,
    outcome: z.enum(CLASSIFICATIONS),
    reason,
    /** The competent agency in the province (within competence) or the one handling conduct (staff conduct). */
    toAgency: z.string().trim().max(35).optional(),
    /** The competent body outside the province (outside competence), in words. */
    forwardTo: z.string().trim().min(3).max(300).optional(),
  }),
  z.object({ action: z.literal('progress'), version, text: reason }),
  z.object({ action: z.literal('handle'), version, result: longText }),
  z.object({ action: z.literal('answer'), version, answer: longText }),
  z.object({
    action: z.literal('publish'),
    version,
    /** The texts published on the portal; personal data is removed from them again before publishing. */
    publicTitle: title,
    publicQuestion: longText,
    publicAnswer: longText,
  }),
]);
export type OfficerActionInput = z.infer<typeof officerActionSchema>;

/** What the submitter may do, with their key or their account. */
export const submitterActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('clarify'), version, text: longText }),
  z.object({
    action: z.literal('rate_answer'),
    version,
    rating: z.enum(['satisfied', 'not_satisfied']),
    comment: z.string().trim().max(2000).optional(),
  }),
]);
export type SubmitterActionInput = z.infer<typeof submitterActionSchema>;

export type FeedbackActionName = OfficerActionInput['action'] | SubmitterActionInput['action'];
