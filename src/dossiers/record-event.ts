import type { Kysely } from 'kysely';
import { isoFromDay, localDay, yearOfDay } from '../calendar/dates.js';
import type { Database } from '../db/schema.js';
import { publish } from '../outbox/store.js';
import { AppError } from '../shared/errors.js';
import { dossierCode } from './dossier-code.js';
import type { Decision, DossierEvent, FirstEvent } from './events.js';
import { NATIONAL_STATUS } from './model.js';
import { recordDossierFiles } from './record-files.js';
import { recordWalletEffects } from './record-wallet.js';
import { applyEvent, initialState } from './state.js';
import {
  answerConsultation,
  type DossierRow,
  insertConsultations,
  insertDossierWithFirstEvent,
  insertEvent,
  type NewDossier,
  nextLogbookNumber,
  nextNumbers,
  type ProjectionExtras,
  stateOfRow,
  updateProjection,
} from './store.js';

/** The dossier an event is recorded on: a new one (its first event) or one read in this transaction. */
export type EventTarget = { kind: 'new'; dossier: NewDossier } | { kind: 'existing'; row: DossierRow };

/**
 * The one writer of dossier events. In the caller's transaction it checks the version (a lost race is a
 * 409), writes the event, the projection folded from it, the side tables the event implies (gap-free
 * numbers, consultations, documents) and the outbox message that carries it to other systems. Intake and
 * every action go through here, so no state change can skip any of these.
 */
export async function recordEvent(
  trx: Kysely<Database>,
  target: EventTarget,
  decision: Decision,
): Promise<DossierRow> {
  const row =
    target.kind === 'new'
      ? await open(trx, target.dossier, decision)
      : await append(trx, target.row, decision);
  const event = { ...decision, seq: row.version } as DossierEvent;
  // Side tables of the documents an event carries: the dossier's files, and the data wallet.
  await recordDossierFiles(trx, row.id, event);
  await recordWalletEffects(trx, row, event);
  await publish(trx, dossierMessage(row, event));
  return row;
}

async function open(trx: Kysely<Database>, dossier: NewDossier, decision: Decision): Promise<DossierRow> {
  if (decision.action !== 'submit' && decision.action !== 'receive')
    throw new Error(`a dossier opens with submit or receive, not ${decision.action}`);
  const event: FirstEvent = { ...decision, seq: 1 };
  const state = initialState(event);
  const day = localDay(event.at);
  // Counter and postal receptions are accepted at once, so they take the year's logbook number too.
  const numbers = await nextNumbers(
    trx,
    state.receivingAgency,
    isoFromDay(day),
    yearOfDay(day),
    event.action === 'receive',
  );
  const code = dossierCode(state.receivingAgency, event.at, numbers.serial);
  return insertDossierWithFirstEvent(trx, { ...dossier, code }, state, numbers.logbook, event);
}

async function append(trx: Kysely<Database>, row: DossierRow, decision: Decision): Promise<DossierRow> {
  const event = { ...decision, seq: row.version + 1 } as DossierEvent;
  const next = applyEvent(stateOfRow(row), event);
  const extras: ProjectionExtras = {};
  if (event.action === 'accept')
    extras.logbookNumber = await nextLogbookNumber(trx, next.receivingAgency, yearOfDay(localDay(event.at)));
  if (event.action === 'submit_supplement') extras.addDocuments = event.payload.documents;
  const updated = await updateProjection(trx, row.id, next, row.version, extras);
  if (!updated)
    throw new AppError('VERSION_CONFLICT', 'Hồ sơ vừa được người khác thao tác; tải lại trước khi thao tác.');
  await insertEvent(trx, row.id, event);
  if (event.action === 'consult')
    await insertConsultations(
      trx,
      row.id,
      event.payload.agencies,
      event.payload.question,
      event.at,
      event.payload.consultationDueAt,
    );
  if (event.action === 'answer_consultation' && event.actorId !== null)
    await answerConsultation(
      trx,
      row.id,
      event.payload.agency,
      event.payload.answer,
      event.actorId,
      event.at,
    );
  return updated;
}

/**
 * What other systems hear of a dossier event: the code, the procedure, the statuses (with the national
 * portal's codes, RULES.md §2), the agencies and the times — no personal data. A consumer that needs more
 * (the national portal's sync) reads the dossier when it delivers.
 */
function dossierMessage(row: DossierRow, event: DossierEvent) {
  return {
    topic: 'dossier',
    kind: event.action,
    stream: row.code,
    payload: {
      code: row.code,
      procedureCode: row.procedure_code,
      procedureVersionId: row.procedure_version_id,
      channel: row.channel,
      receivingAgency: row.receiving_agency,
      handlingAgency: row.handling_agency,
      event: {
        seq: event.seq,
        action: event.action,
        at: new Date(event.at).toISOString(),
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        nationalStatus: NATIONAL_STATUS[event.toStatus],
        fromStep: event.fromStep,
        toStep: event.toStep,
        actorRole: event.actorRole,
        agencyCode: event.agencyCode,
      },
      dueAt: row.due_at?.toISOString() ?? null,
    },
  };
}
