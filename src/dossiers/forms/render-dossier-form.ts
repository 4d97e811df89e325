import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/roles.js';
import { fullNames } from '../../auth/store.js';
import { classifyTimeliness } from '../../calendar/classify.js';
import type { ClockService } from '../../calendar/clock-service.js';
import { agencyBriefs } from '../../catalog/agency-store.js';
import { procedureVersion } from '../../catalog/procedure-store.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { findProcess } from '../../workflow/store.js';
import { readableDossier } from '../act.js';
import { loadEvents } from '../store.js';
import { controlSlipRows } from './control-slip.js';
import {
  apologyForm,
  controlSlipForm,
  type FormContext,
  receiptForm,
  rejectionForm,
  stopForm,
  supplementForm,
} from './forms.js';
import { renderForm } from './pdf-pool.js';
import type { FormSpec } from './render.js';

export const FORMS = ['receipt', 'supplement', 'rejection', 'apology', 'control-slip', 'stop'] as const;
export type FormName = (typeof FORMS)[number];

const BUILDERS: Record<FormName, { needs: string | null; build: (ctx: FormContext) => FormSpec }> = {
  receipt: { needs: 'accepted', build: receiptForm },
  supplement: { needs: 'request_supplement', build: supplementForm },
  rejection: { needs: 'reject', build: rejectionForm },
  apology: { needs: 'apologise', build: apologyForm },
  'control-slip': { needs: null, build: controlSlipForm },
  stop: { needs: 'withdraw', build: stopForm },
};

/** The public tracking page a receipt's QR code opens. */
export function trackingPageUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/tra-cuu/${encodeURIComponent(code)}`;
}

export interface FormDeps {
  db: Kysely<Database>;
  clocks: ClockService;
  publicUrl: string;
  today(): string;
}

/** Renders one of the one-stop forms of a dossier the actor may read, when the dossier has reached it. */
export async function renderDossierForm(
  deps: FormDeps,
  actor: Actor,
  code: string,
  form: FormName,
): Promise<Buffer> {
  const { db } = deps;
  const dossier = await readableDossier(db, actor, code);
  const events = await loadEvents(db, dossier.id);
  const builder = BUILDERS[form];
  const reached =
    builder.needs === null ||
    (builder.needs === 'accepted'
      ? dossier.accepted_at !== null
      : events.some((e) => e.action === builder.needs));
  if (!reached) throw new AppError('NOT_FOUND', 'Hồ sơ chưa có biểu mẫu này ở giai đoạn hiện tại.');

  // The forms describe the dossier as received: the procedure version it keeps for its whole life.
  const procedure = (await procedureVersion(db, dossier.procedure_version_id)).content;
  const agencyCodes = [...new Set([...dossier.agencies_seen, ...events.map((e) => e.agencyCode)])];
  const agencies = await agencyBriefs(db, agencyCodes);
  const agencyNames = new Map(agencies.map((a) => [a.code, a.name]));
  const userNames = await fullNames(
    db,
    events.map((e) => e.actorId),
  );
  const processIds = [
    ...new Set([
      dossier.process_id,
      ...events.flatMap((e) => ('processId' in e.payload ? [e.payload.processId] : [])),
    ]),
  ];
  const stepNames = new Map<string, string>();
  const frontDeskSteps = new Set<string>();
  for (const id of processIds) {
    for (const step of (await findProcess(db, id))?.steps ?? []) {
      stepNames.set(step.key, step.name.split(' — ')[0] ?? step.name);
      if (step.kind === 'reception' || step.kind === 'return') frontDeskSteps.add(step.key);
    }
  }
  const clock = await deps.clocks.clock(dossier.receiving_agency);
  const receiving = agencies.find((a) => a.code === dossier.receiving_agency);
  const context: FormContext = {
    dossier,
    procedureName: procedure.name,
    timeLimit: procedure.timeLimit,
    receivingAgencyName: agencyNames.get(dossier.receiving_agency) ?? dossier.receiving_agency,
    handlingAgencyName: agencyNames.get(dossier.handling_agency) ?? dossier.handling_agency,
    parentName: receiving?.level === 'commune' ? (receiving.name ?? '') : 'Ủy ban nhân dân thành phố Cần Thơ',
    events,
    userNames,
    stepNames,
    frontDeskSteps,
    agencyNames,
    trackUrl: trackingPageUrl(deps.publicUrl, dossier.code),
    slipRows: controlSlipRows(events, (finishedAt, dueAt) =>
      classifyTimeliness(clock, {
        finishedAt,
        appointmentAt: dueAt,
        supplements: [],
        supplementRequestsDuringProcessing: 0,
      }),
    ),
  };
  return renderForm(builder.build(context));
}
