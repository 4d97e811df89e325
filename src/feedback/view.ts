import { z } from 'zod';
import type { Actor } from '../auth/roles.js';
import { formatVnInstant } from '../calendar/dates.js';
import type { Clock } from '../calendar/deadline.js';
import { actionsFor, FEEDBACK_ACTION_RULES } from './action-rules.js';
import { ATTACHABLE_STATUSES, attachmentsOf } from './attachments.js';
import { progressOwed, type Urgency, urgencyOf } from './deadlines.js';
import type { FeedbackEvent } from './events.js';
import { FEEDBACK_STATUSES, STATUS_NAMES_VI, SUBJECTS } from './model.js';
import { canActOnFeedback, type FeedbackAccess } from './policy.js';
import type { FeedbackSettings } from './settings.js';
import type { FeedbackRow } from './store.js';

const iso = (value: Date | null) => (value === null ? null : formatVnInstant(value.getTime()));

/** Where an item stands against its deadlines now. */
export function timingOf(
  row: Pick<FeedbackRow, 'status' | 'due_at' | 'due_kind' | 'progress_due_at'>,
  clock: Clock,
  settings: FeedbackSettings,
  now: number,
) {
  const handleBy = row.due_kind === 'handle' ? (row.due_at?.getTime() ?? null) : null;
  return {
    dueAt: iso(row.due_at),
    dueKind: row.due_kind as 'classify' | 'handle' | 'answer' | 'publish' | null,
    progressDueAt: iso(row.progress_due_at),
    progressOwed: progressOwed(
      { status: row.status, handleBy, progressBy: row.progress_due_at?.getTime() ?? null },
      now,
    ),
    urgency: urgencyOf(clock, settings, row.due_at?.getTime() ?? null, now) as Urgency,
  };
}

/** A line of a queue: what it is, where it is, by when. */
export function queueItem(row: FeedbackRow, clock: Clock, settings: FeedbackSettings, now: number) {
  return {
    code: row.code,
    subject: row.subject,
    title: row.title,
    channel: row.channel,
    status: row.status,
    statusName: STATUS_NAMES_VI[row.status],
    receivedAt: formatVnInstant(row.received_at.getTime()),
    handlingAgency: row.handling_agency,
    ...timingOf(row, clock, settings, now),
  };
}

/** The item's files as its readers list them (each is fetched by its number). */
function attachmentLines(events: FeedbackEvent[]) {
  return attachmentsOf(events).map((file) => ({
    n: file.n,
    name: file.name,
    mime: file.mime,
    bytes: file.bytes,
    pages: file.pages,
    at: formatVnInstant(file.at),
  }));
}

/** One event as people read it; officers see who acted (by role), the submitter's replies stay theirs. */
function eventLine(event: FeedbackEvent) {
  return {
    seq: event.seq,
    action: event.action,
    at: formatVnInstant(event.at),
    actorRole: event.actorRole,
    toStatus: event.toStatus,
    note: event.note,
    onTime: 'onTime' in event.payload ? event.payload.onTime : null,
  };
}

export function officerFeedbackView(
  row: FeedbackRow,
  events: FeedbackEvent[],
  actor: Actor,
  clock: Clock,
  settings: FeedbackSettings,
  now: number,
) {
  const access: FeedbackAccess = { handlingAgency: row.handling_agency, ownerId: row.owner_id };
  return {
    ...queueItem(row, clock, settings, now),
    content: row.content,
    submitter: row.submitter,
    anonymous: row.submitter === null,
    procedureCode: row.procedure_code,
    dossierCode: row.dossier_code,
    agencyConcerned: row.agency_concerned,
    location: row.location,
    mediaUrl: row.media_url,
    answer: row.answer,
    publicTitle: row.public_title,
    publicQuestion: row.public_question,
    publicAnswer: row.public_answer,
    publishedAt: iso(row.published_at),
    answerRating: row.answer_rating,
    version: row.version,
    attachments: attachmentLines(events),
    events: events.map(eventLine),
    actions: [...actionsFor('desk', row.status), ...actionsFor('handler', row.status)].filter((action) =>
      canActOnFeedback(actor, access, FEEDBACK_ACTION_RULES[action].by),
    ),
  };
}

export function submitterFeedbackView(
  row: FeedbackRow,
  events: FeedbackEvent[],
  clock: Clock,
  settings: FeedbackSettings,
  now: number,
) {
  return {
    ...queueItem(row, clock, settings, now),
    content: row.content,
    answer: row.answer,
    publishedAt: iso(row.published_at),
    answerRating: row.answer_rating,
    version: row.version,
    attachments: attachmentLines(events),
    events: events.map((e) => ({ ...eventLine(e), actorRole: null })),
    actions: actionsFor('submitter', row.status).filter(
      (action) => action !== 'rate_answer' || row.answer_rating === null,
    ),
    /** Whether the sender may still add a file now (the server checks again when one is sent). */
    canAttach:
      ATTACHABLE_STATUSES.includes(row.status) && attachmentsOf(events).length < settings.maxAttachments,
  };
}

export function publicFeedbackView(row: {
  code: string;
  subject: (typeof SUBJECTS)[number];
  public_title: string | null;
  public_question: string | null;
  public_answer: string | null;
  published_at: Date | null;
  received_at: Date;
  handling_agency: string | null;
}) {
  return {
    code: row.code,
    subject: row.subject,
    title: row.public_title ?? '',
    question: row.public_question ?? '',
    answer: row.public_answer ?? '',
    agency: row.handling_agency,
    receivedOn: formatVnInstant(row.received_at.getTime()).slice(0, 10),
    publishedAt: iso(row.published_at),
  };
}

const instant = z.string().nullable();
const status = z.enum(FEEDBACK_STATUSES);

export const queueItemSchema = z.object({
  code: z.string(),
  subject: z.enum(SUBJECTS),
  title: z.string(),
  channel: z.string(),
  status,
  statusName: z.string(),
  receivedAt: z.string(),
  handlingAgency: z.string().nullable(),
  dueAt: instant,
  dueKind: z.enum(['classify', 'handle', 'answer', 'publish']).nullable(),
  progressDueAt: instant,
  progressOwed: z.boolean(),
  urgency: z.enum(['overdue', 'due_soon', 'on_track', 'waiting']),
});

/** A file of an item as its readers see it: fetched by its number. */
export const attachmentSchema = z.object({
  n: z.number(),
  name: z.string(),
  mime: z.string(),
  bytes: z.number(),
  pages: z.number().nullable(),
});
const attachmentLineSchema = attachmentSchema.extend({ at: z.string() });

const eventLineSchema = z.object({
  seq: z.number(),
  action: z.string(),
  at: z.string(),
  actorRole: z.string().nullable(),
  toStatus: status,
  note: z.string().nullable(),
  onTime: z.boolean().nullable(),
});

export const officerFeedbackSchema = queueItemSchema.extend({
  content: z.string(),
  submitter: z
    .object({
      name: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      address: z.string().optional(),
    })
    .nullable(),
  anonymous: z.boolean(),
  procedureCode: z.string().nullable(),
  dossierCode: z.string().nullable(),
  agencyConcerned: z.string().nullable(),
  location: z
    .object({ lat: z.number().optional(), long: z.number().optional(), address: z.string().optional() })
    .nullable(),
  mediaUrl: z.string().nullable(),
  answer: z.string().nullable(),
  publicTitle: z.string().nullable(),
  publicQuestion: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  publishedAt: instant,
  answerRating: z.string().nullable(),
  version: z.number(),
  attachments: z.array(attachmentLineSchema),
  events: z.array(eventLineSchema),
  actions: z.array(z.string()),
});

export const submitterFeedbackSchema = queueItemSchema.extend({
  content: z.string(),
  answer: z.string().nullable(),
  publishedAt: instant,
  answerRating: z.string().nullable(),
  version: z.number(),
  attachments: z.array(attachmentLineSchema),
  events: z.array(eventLineSchema),
  actions: z.array(z.string()),
  canAttach: z.boolean(),
});

export const publicFeedbackSchema = z.object({
  code: z.string(),
  subject: z.enum(SUBJECTS),
  title: z.string(),
  question: z.string(),
  answer: z.string(),
  agency: z.string().nullable(),
  receivedOn: z.string(),
  publishedAt: instant,
});
