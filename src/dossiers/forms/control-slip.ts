import type { Timeliness } from '../../calendar/classify.js';
import type { DossierEvent } from '../events.js';

export interface SlipRow {
  stepKey: string;
  agencyCode: string;
  /** Who handed the dossier over into the step, and when. */
  handedBy: number | null;
  handedAt: number;
  /** Who handed it on out of the step, and when; null while it is still there. */
  passedBy: number | null;
  passedAt: number | null;
  dueAt: number | null;
  result: Timeliness | null;
  note: string | null;
}

/**
 * One row per hand-over of the process-control slip (Mẫu 05), built from the event log: the step a
 * dossier entered, who handed it in and out, and whether it left the step early, on time or late.
 */
export function controlSlipRows(
  events: DossierEvent[],
  classify: (finishedAt: number, dueAt: number) => Timeliness,
): SlipRow[] {
  const rows: SlipRow[] = [];
  let open: SlipRow | null = null;
  for (const event of events) {
    const entersStep =
      event.toStep !== null &&
      (event.toStep !== event.fromStep || event.seq === 1 || event.action === 'transfer');
    const leavesStep =
      open !== null &&
      (event.toStep !== open.stepKey || event.action === 'transfer' || event.toStep === null);
    if (open && leavesStep) {
      open.passedBy = event.actorId;
      open.passedAt = event.at;
      open.result = open.dueAt === null ? null : classify(event.at, open.dueAt);
      open.note = event.note;
      open = null;
    }
    if (entersStep && event.toStep !== null) {
      open = {
        stepKey: event.toStep,
        agencyCode: event.action === 'transfer' ? event.payload.toAgency : event.agencyCode,
        handedBy: event.actorId,
        handedAt: event.at,
        passedBy: null,
        passedAt: null,
        dueAt: 'stepDueAt' in event.payload ? event.payload.stepDueAt : null,
        result: null,
        note: null,
      };
      rows.push(open);
    }
  }
  return rows;
}
