import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { CLASSIFICATIONS, FEEDBACK_CHANNELS, FEEDBACK_STATUSES, SUBJECTS } from './model.js';

/**
 * Every feedback event and its payload, one discriminated union on `action` (like the dossier's). Due
 * instants are computed when the event is decided, so the fold needs no calendar; `onTime` records whether a
 * step met its deadline, fixed when it happened. The submission's text and the submitter's contact stay on
 * the item, never in events.
 */
const instant = z.number().int();

const header = {
  seq: z.number().int().positive(),
  at: instant,
  actorId: z.number().int().nullable(),
  actorRole: z.enum(ROLES).nullable(),
  actorAgency: z.string().nullable(),
  fromStatus: z.enum(FEEDBACK_STATUSES).nullable(),
  toStatus: z.enum(FEEDBACK_STATUSES),
  note: z.string().nullable(),
};

function event<A extends string, P extends z.ZodRawShape>(action: A, payload: P) {
  return z.object({ ...header, action: z.literal(action), payload: z.object(payload) });
}

/** A stored file as an event refers to it: by its SHA-256, with the name given and the type found. */
export const attachedFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  mime: z.string(),
  bytes: z.number().int().positive(),
  pages: z.number().int().positive().nullable(),
});
export type AttachedFile = z.infer<typeof attachedFileSchema>;

/** The deadlines of the classification stage, from receipt (or from a clarification received). */
const classifyDues = { rejectBy: instant, classifyBy: instant };

export const feedbackEventSchema = z.discriminatedUnion('action', [
  event('receive', {
    channel: z.enum(FEEDBACK_CHANNELS),
    subject: z.enum(SUBJECTS),
    /** When it reached us; an officer entering paper gives the day it arrived. */
    receivedAt: instant,
    ...classifyDues,
  }),
  event('log', {}),
  event('request_clarification', { question: z.string(), onTime: z.boolean() }),
  event('clarify', classifyDues),
  event('classify', {
    outcome: z.enum(CLASSIFICATIONS),
    reason: z.string(),
    toAgency: z.string().nullable(),
    forwardTo: z.string().nullable(),
    onTime: z.boolean(),
    handleBy: instant.nullable(),
    /** First progress report owed if the item is still unhandled at its deadline. */
    progressBy: instant.nullable(),
  }),
  event('progress', { text: z.string(), progressBy: instant }),
  event('handle', { result: z.string(), onTime: z.boolean(), answerBy: instant }),
  event('answer', { answer: z.string(), onTime: z.boolean(), publishBy: instant }),
  event('publish', {
    publicTitle: z.string(),
    publicQuestion: z.string(),
    publicAnswer: z.string(),
    onTime: z.boolean(),
  }),
  event('rate_answer', { rating: z.enum(['satisfied', 'not_satisfied']), comment: z.string().nullable() }),
  /** A file the submitter (or an officer on the item) attached; its content is in the documents store. */
  event('attach', { file: attachedFileSchema }),
]);

export type FeedbackEvent = z.infer<typeof feedbackEventSchema>;
export type FeedbackEventAction = FeedbackEvent['action'];
export type FeedbackEventOf<A extends FeedbackEventAction> = Extract<FeedbackEvent, { action: A }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as decided; the writer numbers it. */
export type FeedbackDecision = DistributiveOmit<FeedbackEvent, 'seq'>;
