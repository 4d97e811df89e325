import type { Kysely } from 'kysely';
import { classifyTimeliness, type Timeliness } from '../calendar/classify.js';
import type { ClockService } from '../calendar/clock-service.js';
import type { Database } from '../db/schema.js';
import { RECEIVING_CENTRE } from '../workflow/model.js';
import { findProcess } from '../workflow/store.js';
import type { DossierEvent } from './events.js';
import { controlSlipRows } from './forms/control-slip.js';
import type { DossierStatus } from './model.js';
import { isFrontDeskStep } from './policy.js';
import { findDossierRow, loadEvents } from './store.js';

/** One hand-over of the process-control slip, attributed to whoever held the dossier in that step. */
export interface HandOver {
  /** The receiving centre for front-desk steps, else the agency handling the dossier then. */
  agencyCode: string;
  /** The handling agency's unit that works the step, when the process names one. */
  unitCode: string | null;
  /** The officer who handed the dossier on out of the step. */
  officerId: number | null;
  /** Early, on time or late against the step's due instant; null when the step has no budget. */
  result: Timeliness | null;
}

/**
 * What other modules may know of how a dossier was served, read from its event log: its owner and status,
 * where it was received and handled, and every hand-over classified as on the process-control slip. The
 * ratings module computes its indicators from this; it is the dossiers module's to read, not theirs.
 */
export interface ServiceRecord {
  code: string;
  ownerId: number | null;
  status: DossierStatus;
  channel: 'counter' | 'online' | 'postal';
  receivingAgency: string;
  handlingAgency: string;
  returnedAt: number | null;
  events: DossierEvent[];
  handOvers: HandOver[];
}

export async function serviceRecord(
  db: Kysely<Database>,
  clocks: ClockService,
  code: string,
): Promise<ServiceRecord | null> {
  const row = await findDossierRow(db, code);
  if (!row) return null;
  const events = await loadEvents(db, row.id);
  const processIds = [
    ...new Set([
      row.process_id,
      ...events.flatMap((e) => ('processId' in e.payload ? [e.payload.processId] : [])),
    ]),
  ];
  const steps = new Map<string, { unit: string | null; frontDesk: boolean }>();
  for (const id of processIds)
    for (const step of (await findProcess(db, id))?.steps ?? [])
      steps.set(step.key, {
        unit: step.unit === RECEIVING_CENTRE ? null : step.unit,
        frontDesk: isFrontDeskStep(step),
      });
  const clock = await clocks.clock(row.receiving_agency, db);
  const rows = controlSlipRows(events, (finishedAt, dueAt) =>
    classifyTimeliness(clock, {
      finishedAt,
      appointmentAt: dueAt,
      supplements: [],
      supplementRequestsDuringProcessing: 0,
    }),
  );
  return {
    code: row.code,
    ownerId: row.owner_id,
    status: row.status as DossierStatus,
    channel: row.channel as ServiceRecord['channel'],
    receivingAgency: row.receiving_agency,
    handlingAgency: row.handling_agency,
    returnedAt: row.returned_at?.getTime() ?? null,
    events,
    handOvers: rows
      .filter((r) => r.passedAt !== null)
      .map((r) => {
        const step = steps.get(r.stepKey);
        return {
          agencyCode: step?.frontDesk ? row.receiving_agency : r.agencyCode,
          unitCode: step?.frontDesk ? null : (step?.unit ?? null),
          officerId: r.passedBy,
          result: r.result,
        };
      }),
  };
}
