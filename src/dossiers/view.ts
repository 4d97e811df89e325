import { z } from 'zod';
import { formatVnInstant } from '../calendar/dates.js';
import { CHANNEL_CODE, type Channel, type DossierStatus, STATUS_NAMES_VI, STATUSES } from './model.js';
import type { DossierRow, DossierSummaryRow } from './store.js';

const iso = (value: Date | null) => (value === null ? null : formatVnInstant(value.getTime()));

/**
 * A dossier as a list shows it (the officer's queue, the search, a citizen's dossiers): its progress and the
 * applicant's name, without the applicant's details, the documents or the form data, which only the dossier's
 * own page needs. A page of twenty full dossiers was about 20 KB to read, parse, check and send.
 */
export function dossierSummaryView(row: DossierSummaryRow, now = Date.now()) {
  return {
    code: row.code,
    procedureCode: row.procedure_code,
    /** The procedure content version the dossier was received under and keeps. */
    procedureVersionId: row.procedure_version_id,
    status: row.status as DossierStatus,
    statusName: STATUS_NAMES_VI[row.status as DossierStatus],
    nationalStatus: row.national_status,
    channel: CHANNEL_CODE[row.channel as Channel],
    channelName: row.channel,
    receivingAgency: row.receiving_agency,
    handlingAgency: row.handling_agency,
    step: row.step_key,
    stepDueAt: iso(row.step_due_at),
    assigneeId: row.assignee_id,
    receivedAt: iso(row.submitted_at),
    acceptedAt: iso(row.accepted_at),
    dueAt: iso(row.due_at),
    originalDueAt: iso(row.original_due_at),
    finishedAt: iso(row.finished_at),
    returnedAt: iso(row.returned_at),
    outcome: row.outcome,
    apologised: row.apology_count > 0,
    timeliness: row.timeliness as 'early' | 'on_time' | 'late' | null,
    overdue: row.finished_at === null && row.due_at !== null && row.due_at.getTime() < now,
    stepOverdue: row.finished_at === null && row.step_due_at !== null && row.step_due_at.getTime() < now,
    logbookNumber: row.logbook_number,
    version: row.version,
    applicantName: row.applicant_name,
  };
}

/** The dossier as officers and its owner see it. */
export function dossierView(row: DossierRow, now = Date.now()) {
  const applicant = row.applicant as unknown as Record<string, unknown>;
  const applicantName = typeof applicant.fullName === 'string' ? applicant.fullName : '';
  return {
    ...dossierSummaryView({ ...row, applicant_name: applicantName }, now),
    applicant,
    representative: row.representative as unknown as Record<string, unknown> | null,
    documents: row.documents as unknown as unknown[],
    formData: row.form_data as unknown as Record<string, unknown>,
  };
}

const instant = z.string().nullable();

export const dossierSummarySchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureVersionId: z.number().int(),
  status: z.enum(STATUSES),
  statusName: z.string(),
  nationalStatus: z.number().int().min(1).max(10),
  channel: z.number().int(),
  channelName: z.string(),
  receivingAgency: z.string(),
  handlingAgency: z.string(),
  step: z.string().nullable(),
  stepDueAt: instant,
  assigneeId: z.number().nullable(),
  receivedAt: instant,
  acceptedAt: instant,
  dueAt: instant,
  originalDueAt: instant,
  finishedAt: instant,
  returnedAt: instant,
  outcome: z.string().nullable(),
  apologised: z.boolean(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
  overdue: z.boolean(),
  stepOverdue: z.boolean(),
  logbookNumber: z.number().nullable(),
  version: z.number().int(),
  applicantName: z.string(),
  procedureName: z.string().optional(),
  stepName: z.string().nullable().optional(),
});

export const dossierViewSchema = dossierSummarySchema.extend({
  applicant: z.record(z.string(), z.unknown()),
  representative: z.record(z.string(), z.unknown()).nullable(),
  documents: z.array(z.unknown()),
  formData: z.record(z.string(), z.unknown()),
});
