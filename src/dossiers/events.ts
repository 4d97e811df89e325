import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { CHANNELS, EXEMPTIONS, fileRefSchema, STATUSES, submittedDocumentSchema } from './model.js';

/**
 * Every dossier event and its payload, as one discriminated union on `action`. The fold switches on it
 * with no coercion; rows read back from `dossier_events` are parsed through it; the API, the generator and
 * the writer all build these types. Instants are epoch milliseconds; every due instant is computed when the
 * event is decided, so folding needs no calendar.
 */
const instant = z.number().int();
const timeliness = z.enum(['early', 'on_time', 'late']).nullable();
const reason = z.string();

const header = {
  seq: z.number().int().positive(),
  at: instant,
  actorId: z.number().int().nullable(),
  actorRole: z.enum(ROLES).nullable(),
  actorAgency: z.string().nullable(),
  /** The handling agency when the event happened. */
  agencyCode: z.string(),
  fromStep: z.string().nullable(),
  toStep: z.string().nullable(),
  fromStatus: z.enum(STATUSES).nullable(),
  toStatus: z.enum(STATUSES),
  note: z.string().nullable(),
};

function event<A extends string, P extends z.ZodRawShape>(action: A, payload: P) {
  return z.object({ ...header, action: z.literal(action), payload: z.object(payload) });
}

const opening = {
  channel: z.enum(CHANNELS),
  receivingAgency: z.string(),
  handlingAgency: z.string(),
  processId: z.number().int(),
  /** The procedure's content version the dossier is received under, for its whole life. */
  procedureVersionId: z.number().int(),
  stepDueAt: instant.nullable(),
  documents: z.array(submittedDocumentSchema),
  /** The applicant agreed that the wallet items among the documents are used (absent before the wallet). */
  reuseConsent: z.boolean().optional(),
  /** The national portal's id of a dossier filed there and handed over to us. */
  nationalPortalId: z.string().max(100).optional(),
};

/** A document this system signed: the signed file and what the public verification page finds it by. */
const signedFile = {
  file: fileRefSchema,
  verificationCode: z.string(),
  /** The signer's name (the certificate's common name; the full subject is in signed_documents) and serial number. */
  signer: z.string(),
  serialNumber: z.string(),
  /** PAdES B-T: the signature carries an RFC 3161 time-stamp. */
  timestamped: z.boolean(),
};

export const dossierEventSchema = z.discriminatedUnion('action', [
  /** An online filing: it waits for the completeness check. */
  event('submit', opening),
  /** Counter or postal reception: accepted at once, with the appointment. */
  event('receive', { ...opening, dueAt: instant }),
  event('accept', { dueAt: instant, stepDueAt: instant.nullable() }),
  event('request_supplement', {
    items: z.array(z.string()),
    reason,
    phase: z.enum(['reception', 'processing']),
    stepDueAt: z.null(),
  }),
  event('submit_supplement', {
    documents: z.array(submittedDocumentSchema),
    stepDueAt: instant.nullable(),
    /** Present when the time limit restarts (a supplement after appraisal). */
    dueAt: instant.optional(),
  }),
  event('reject', { reason, stepDueAt: z.null() }),
  /** The applicant asks to withdraw a dossier already being processed; the agency stops it (then `withdraw`). */
  event('request_withdrawal', { reason, stepDueAt: instant.nullable() }),
  /** The clock stops while the applicant pays: like a supplement, the applicant's time is not the agency's. */
  event('request_payment', {
    amount: z.number().int().positive(),
    reason,
    payBy: instant.nullable(),
    stepDueAt: z.null(),
  }),
  /** Paid: the step starts again and the appointment moves by the working time spent waiting. */
  event('confirm_payment', {
    reference: z.string(),
    stepDueAt: instant.nullable(),
    dueAt: instant.nullable(),
    originalDueAt: instant.nullable(),
  }),
  event('assign', { assigneeId: z.number().int() }),
  event('forward', { stepDueAt: instant.nullable(), assigneeId: z.number().int().nullable() }),
  event('send_back', { stepDueAt: instant.nullable(), assigneeId: z.null(), reason }),
  event('consult', {
    agencies: z.array(z.string()).min(1),
    question: z.string(),
    consultationDueAt: instant,
  }),
  event('answer_consultation', { answer: z.string(), agency: z.string() }),
  event('transfer', {
    toAgency: z.string(),
    fromAgency: z.string(),
    processId: z.number().int(),
    stepDueAt: instant.nullable(),
  }),
  event('approve', { stepDueAt: instant.nullable(), assigneeId: z.null() }),
  event('refuse', { reason, stepDueAt: z.null(), timeliness }),
  /** Counter digitisation: each document scanned (pages in order) or exempt, the set sealed by the receiving unit. */
  event('digitise', {
    documents: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['digitised', 'exempt']),
        exemption: z.enum(EXEMPTIONS).nullable(),
        reason: z.string().nullable(),
        pages: z.array(fileRefSchema),
      }),
    ),
    seal: z.object(signedFile),
  }),
  /** The result document attached at the issuing step, born digital or scanned from paper. */
  event('attach_result', {
    file: fileRefSchema,
    kind: z.enum(['electronic', 'digitised']),
    title: z.string(),
    validUntil: z.string().nullable(),
  }),
  event('sign', {
    signedBy: z.string(),
    /**
     * The signed electronic result (absent in events recorded before results were signed). `notice`: no result
     * document was attached, so the system drew a notice of the outcome and signed that; it is not a digitised
     * result for the indicators.
     */
    result: z
      .object({
        ...signedFile,
        kind: z.enum(['electronic', 'digitised', 'notice']),
        title: z.string(),
        validUntil: z.string().nullable(),
      })
      .optional(),
  }),
  event('issue_result', { resultNumber: z.string().nullable(), stepDueAt: z.null(), timeliness }),
  event('return_result', { method: z.enum(['counter', 'post', 'online']), stepDueAt: z.null() }),
  event('withdraw', { reason, stepDueAt: z.null(), timeliness }),
  event('apologise', { reason, newDueAt: instant, previousDueAt: instant }),
  /**
   * The dossier joins its applicant's account: a citizen signed in through the identity provider with the
   * identity number of a dossier received at a counter or by post (it had no account).
   */
  event('link_account', { ownerId: z.number().int().positive() }),
]);

export type DossierEvent = z.infer<typeof dossierEventSchema>;
export type EventAction = DossierEvent['action'];
export type EventOf<A extends EventAction> = Extract<DossierEvent, { action: A }>;
export type PayloadOf<A extends EventAction> = EventOf<A>['payload'];
/** The event that opens a dossier. */
export type FirstEvent = EventOf<'submit' | 'receive'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the transition function decides it; the writer gives it its sequence number. */
export type Decision = DistributiveOmit<DossierEvent, 'seq'>;

export const EVENT_ACTIONS = dossierEventSchema.options.map((option) => option.shape.action.value);
