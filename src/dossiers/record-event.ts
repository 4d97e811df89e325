import type { Kysely } from 'kysely';
import { isoFromDay, localDay, yearOfDay } from '../calendar/dates.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import { dossierCode } from './dossier-code.js';
import type { Decision, DossierEvent, FirstEvent } from './events.js';
import { NATIONAL_STATUS } from './model.js';
import { filesOfEvent, recordDossierFiles } from './record-files.js';
import { hasWalletEffects, recordWalletEffects } from './record-wallet.js';
import { applyEvent, type DossierState, initialState } from './state.js';
import { type DossierRow, type NewDossier, stateOfRow } from './store.js';
import { appendEvent, type OutboxPayload, openDossier } from './write-store.js';

/** The dossier an event is recorded on: a new one (its first event) or one read at a known version. */
export type EventTarget =
  | {
      kind: 'new';
      dossier: NewDossier;
      /** When given, the key is stored with the dossier in the same statement (a retry gets this dossier). */
      idempotency?: { scope: string; key: string; requestHash: string };
    }
  | { kind: 'existing'; row: DossierRow };

/**
 * The one writer of dossier events. It folds the event into the projection and writes, in one statement (one
 * round trip, atomic), the projection — conditional on the version the dossier was read at, so a lost race is
 * a 409 —, the event, the side tables the event implies (gap-free numbers, consultations, documents) and the
 * outbox message that carries it to other systems. Intake and every action go through here.
 */
export async function recordEvent(
  db: Kysely<Database>,
  target: EventTarget,
  decision: Decision,
): Promise<DossierRow> {
  if (hasDocumentSideTables(target, decision)) return recordWithDocuments(db, target, decision);
  return writeEvent(db, target, decision);
}

function writeEvent(db: Kysely<Database>, target: EventTarget, decision: Decision): Promise<DossierRow> {
  if (target.kind === 'new') return open(db, target.dossier, target.idempotency ?? null, decision);
  return append(db, target.row, decision);
}

/** Whether the event writes beyond the writer's statement: files it attaches, or the data wallet. */
function hasDocumentSideTables(target: EventTarget, decision: Decision): boolean {
  const event = { ...decision, seq: 0 } as DossierEvent;
  const row = target.kind === 'existing' ? target.row : null;
  return filesOfEvent(event).length > 0 || hasWalletEffects(row, event);
}

/**
 * An event that carries files or changes the data wallet: the writer's statement and the side tables
 * (`dossier_files`, wallet items and uses) in one transaction, so the event never exists without them.
 */
function recordWithDocuments(db: Kysely<Database>, target: EventTarget, decision: Decision) {
  return inTransaction(db, async (trx) => {
    const row = await writeEvent(trx, target, decision);
    const event = { ...decision, seq: row.version } as DossierEvent;
    await recordDossierFiles(trx, row.id, event);
    await recordWalletEffects(trx, row, event);
    return row;
  });
}

async function open(
  db: Kysely<Database>,
  dossier: NewDossier,
  idempotency: { scope: string; key: string; requestHash: string } | null,
  decision: Decision,
): Promise<DossierRow> {
  if (decision.action !== 'submit' && decision.action !== 'receive')
    throw new Error(`a dossier opens with submit or receive, not ${decision.action}`);
  const event: FirstEvent = { ...decision, seq: 1 };
  const state = initialState(event);
  const day = localDay(event.at);
  const code = dossierCode(state.receivingAgency, event.at, 0);
  return openDossier(db, {
    dossier,
    state,
    event,
    codePrefix: code.slice(0, code.lastIndexOf('-') + 1),
    day: isoFromDay(day),
    year: yearOfDay(day),
    // Counter and postal receptions are accepted at once, so they take the year's logbook number too.
    withLogbook: event.action === 'receive',
    message: dossierMessage(dossier.procedureCode, state, event),
    idempotency,
  });
}

async function append(db: Kysely<Database>, row: DossierRow, decision: Decision): Promise<DossierRow> {
  const event = { ...decision, seq: row.version + 1 } as DossierEvent;
  const state = applyEvent(stateOfRow(row), event);
  const updated = await appendEvent(db, {
    row,
    state,
    event,
    logbookYear: event.action === 'accept' ? yearOfDay(localDay(event.at)) : null,
    addDocuments: event.action === 'submit_supplement' ? event.payload.documents : null,
    consultation:
      event.action === 'consult'
        ? {
            agencies: event.payload.agencies,
            question: event.payload.question,
            askedAt: event.at,
            dueAt: event.payload.consultationDueAt,
          }
        : null,
    answer:
      event.action === 'answer_consultation' && event.actorId !== null
        ? { agency: event.payload.agency, answer: event.payload.answer, by: event.actorId, at: event.at }
        : null,
    message: dossierMessage(row.procedure_code, state, event),
  });
  if (!updated)
    throw new AppError('VERSION_CONFLICT', 'Hồ sơ vừa được người khác thao tác; tải lại trước khi thao tác.');
  return updated;
}

/**
 * What other systems hear of a dossier event: the procedure, the statuses (with the national portal's codes,
 * RULES.md §2), the agencies and the times — no personal data. The statement adds the dossier's code. A
 * consumer that needs more (the national portal's sync) reads the dossier when it delivers.
 */
function dossierMessage(procedureCode: string, state: DossierState, event: DossierEvent): OutboxPayload {
  return {
    kind: event.action,
    payload: {
      procedureCode,
      procedureVersionId: state.procedureVersionId,
      channel: state.channel,
      receivingAgency: state.receivingAgency,
      handlingAgency: state.handlingAgency,
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
      dueAt: state.dueAt === null ? null : new Date(state.dueAt).toISOString(),
    },
  };
}
