import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { localDay, yearOfDay } from '../calendar/dates.js';
import { agencyBrief } from '../catalog/agency-store.js';
import { procedureForDossier } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { findProcess, findProcessInForce } from '../workflow/store.js';
import { availableActions } from './available-actions.js';
import { type DecideContext, decide } from './decide.js';
import type { DossierDeps } from './intake.js';
import type { ActionInput } from './model.js';
import { canAct, canRead, type DossierAccess } from './policy.js';
import { applyEvent } from './state.js';
import {
  answerConsultation,
  appendDocuments,
  type DossierRow,
  findDossierRow,
  insertConsultations,
  insertEvent,
  nextLogbookNumber,
  openConsultations,
  stateOfRow,
  updateProjection,
} from './store.js';
import { timingFor } from './timing.js';
import { dossierView } from './view.js';

export function accessOf(row: DossierRow): DossierAccess {
  return {
    receivingAgency: row.receiving_agency,
    handlingAgency: row.handling_agency,
    agenciesSeen: row.agencies_seen,
    ownerId: row.owner_id,
    assigneeId: row.assignee_id,
  };
}

export function dossierNotFound(code: string): AppError {
  return new AppError('DOSSIER_NOT_FOUND', `Không tìm thấy hồ sơ ${code}.`);
}

async function resolveAssignee(db: Kysely<Database>, username: string, agencyCode: string): Promise<number> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'agency_code'])
    .where('username', '=', username)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user || user.agency_code !== agencyCode || user.role !== 'processor') {
    throw new AppError('VALIDATION_FAILED', 'Chỉ phân công cho chuyên viên của cơ quan giải quyết.', [
      { field: 'body.assignee', message: 'Người được phân công không phải chuyên viên của cơ quan' },
    ]);
  }
  return user.id;
}

/** What deciding an action on this dossier needs: its state, process, timing and open consultations. */
export async function actionContext(db: Kysely<Database>, deps: DossierDeps, actor: Actor, row: DossierRow) {
  const state = stateOfRow(row);
  const process = await findProcess(db, state.processId);
  if (!process) throw new Error(`process ${state.processId} missing`);
  const step = process.steps.find((s) => s.key === state.stepKey);
  const consultations = await openConsultations(db, row.id, actor.agencyCode);
  const consultedAgencyOpen = actor.agencyCode !== null && consultations.forAgency > 0;
  const procedure = await procedureForDossier(db, row.procedure_code, deps.today(), false);
  if (!procedure) throw new Error(`procedure ${row.procedure_code} missing`);
  const clock = await deps.clocks.clock(row.receiving_agency, db);
  const context: DecideContext = {
    state,
    steps: process.steps,
    now: deps.now(),
    actor,
    timing: timingFor(clock, procedure.timeLimit, process.steps, process.hoursPerDay),
    openConsultations: consultations.total,
  };
  return { context, step, consultedAgencyOpen };
}

/** The actions this actor may take on the dossier now (what the dossier page offers). */
export async function actionsAvailable(deps: DossierDeps, actor: Actor, code: string) {
  const row = await findDossierRow(deps.db, code);
  if (!row || !canRead(actor, accessOf(row))) throw dossierNotFound(code);
  const { context, consultedAgencyOpen } = await actionContext(deps.db, deps, actor, row);
  return availableActions(actor, accessOf(row), context, consultedAgencyOpen);
}

/**
 * Carries out one action on a dossier: load → authorise → decide → one transaction writing the event and
 * the projection, conditional on the version the caller saw (a lost race or a stale version gets 409).
 */
export async function actOnDossier(deps: DossierDeps, actor: Actor, code: string, input: ActionInput) {
  const { db } = deps;
  return db.transaction().execute(async (trx) => {
    const row = await findDossierRow(trx, code);
    if (!row || !canRead(actor, accessOf(row))) throw dossierNotFound(code);
    if (row.version !== input.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `Hồ sơ đã thay đổi (phiên bản ${row.version}); tải lại trước khi thao tác.`,
      );
    }
    const { context, step, consultedAgencyOpen } = await actionContext(trx, deps, actor, row);
    if (!canAct(actor, accessOf(row), input.action, step, { consultedAgencyOpen })) {
      throw new AppError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này với hồ sơ ở bước hiện tại.');
    }
    if (input.action === 'assign')
      context.assigneeId = await resolveAssignee(trx, input.assignee, row.handling_agency);
    if (input.action === 'transfer') {
      const target = await findProcessInForce(trx, row.procedure_code, input.toAgency, deps.today());
      const agency = await agencyBrief(trx, input.toAgency);
      if (!agency) throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${input.toAgency}.`);
      if (!target)
        throw new AppError('NO_PUBLISHED_PROCESS', 'Cơ quan nhận chưa có quy trình điện tử cho thủ tục này.');
      context.transfer = { toAgency: input.toAgency, processId: target.id, steps: target.steps };
    }

    const decision = decide(context, input);
    const event = { ...decision, seq: row.version + 1 };
    const next = applyEvent(context.state, event);
    const logbook =
      input.action === 'accept'
        ? {
            logbook_number: await nextLogbookNumber(trx, row.receiving_agency, yearOfDay(localDay(event.at))),
          }
        : {};
    const updated = await updateProjection(trx, row.id, next, row.version, logbook);
    if (!updated) {
      throw new AppError(
        'VERSION_CONFLICT',
        'Hồ sơ vừa được người khác thao tác; tải lại trước khi thao tác.',
      );
    }
    await insertEvent(trx, row.id, event);
    if (input.action === 'consult') {
      const agencies = decision.payload.agencies as string[];
      await insertConsultations(
        trx,
        row.id,
        agencies,
        input.question,
        event.at,
        Number(decision.payload.consultationDueAt),
      );
    }
    if (input.action === 'answer_consultation' && actor.agencyCode) {
      await answerConsultation(trx, row.id, actor.agencyCode, input.answer, actor.id, event.at);
    }
    if (input.action === 'submit_supplement') {
      await appendDocuments(trx, row.id, input.documents);
      return dossierView((await findDossierRow(trx, code)) as DossierRow, event.at);
    }
    return dossierView(updated, event.at);
  });
}
