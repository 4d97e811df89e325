import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { findActiveOfficer } from '../auth/store.js';
import { agencyBrief, agencyBriefs } from '../catalog/agency-store.js';
import { procedureVersion } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { PendingWrites } from '../documents/pending-writes.js';
import { AppError, invalid } from '../shared/errors.js';
import { findProcess, findProcessInForce } from '../workflow/store.js';
import { refusalOf } from './action-rules.js';
import { availableActions } from './available-actions.js';
import { type DecideContext, decide } from './decide.js';
import type { DossierDeps } from './intake.js';
import type { ActionInput } from './model.js';
import { canAct, canRead, type DossierAccess } from './policy.js';
import { prepareAction, preparesFiles } from './prepare-action.js';
import { openAgenciesAfter, recentDossier, rememberDossier } from './recent-dossiers.js';
import { recordEvent } from './record-event.js';
import {
  type DossierForAction,
  type DossierRow,
  findDossierForAction,
  findDossierRow,
  stateOfRow,
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

/** A dossier the actor may read, or 404 (a dossier the actor may not see does not exist for them). */
export async function readableDossier(db: Kysely<Database>, actor: Actor, code: string): Promise<DossierRow> {
  const row = await findDossierRow(db, code);
  if (!row || !canRead(actor, accessOf(row))) throw dossierNotFound(code);
  return row;
}

async function resolveAssignee(db: Kysely<Database>, username: string, agencyCode: string): Promise<number> {
  const user = await findActiveOfficer(db, username);
  if (!user || user.agency_code !== agencyCode || user.role !== 'processor') {
    throw invalid(
      [{ field: 'body.assignee', message: 'Người được phân công không phải chuyên viên của cơ quan' }],
      'Chỉ phân công cho chuyên viên của cơ quan giải quyết.',
    );
  }
  return user.id;
}

/**
 * What deciding an action on this dossier needs: its state, the process version it follows, the time limit
 * of the procedure version it was received under, and its open consultations (read with the dossier).
 */
async function actionContext(deps: DossierDeps, actor: Actor, found: DossierForAction) {
  const { db } = deps;
  const state = stateOfRow(found.row);
  const process = await findProcess(db, state.processId);
  if (!process) throw new Error(`process ${state.processId} missing`);
  const step = process.steps.find((s) => s.key === state.stepKey);
  const procedure = await procedureVersion(db, state.procedureVersionId);
  const clock = await deps.clocks.clock(found.row.receiving_agency, db);
  const context: DecideContext = {
    state,
    steps: process.steps,
    now: deps.now(),
    actor,
    timing: timingFor(clock, procedure.content.timeLimit, process.steps, process.hoursPerDay),
    openConsultations: found.openAgencies.length,
  };
  const consultedAgencyOpen = actor.agencyCode !== null && found.openAgencies.includes(actor.agencyCode);
  return { context, step, consultedAgencyOpen };
}

/**
 * A dossier the actor may read, with what an action needs, or 404. At the version the caller saw, a dossier
 * this process wrote last is taken from memory (see recent-dossiers.ts); otherwise it is read.
 */
async function readableForAction(db: Kysely<Database>, actor: Actor, code: string, version?: number) {
  const found =
    (version === undefined ? undefined : recentDossier(code, version)) ??
    (await findDossierForAction(db, code));
  if (!found || !canRead(actor, accessOf(found.row))) throw dossierNotFound(code);
  return found;
}

/** The actions this actor may take on the dossier now (what the dossier page offers). */
export async function actionsAvailable(deps: DossierDeps, actor: Actor, code: string) {
  const found = await readableForAction(deps.db, actor, code);
  const { context, consultedAgencyOpen } = await actionContext(deps, actor, found);
  return availableActions(actor, accessOf(found.row), context, consultedAgencyOpen);
}

/**
 * Carries out one action: read the dossier (404 if the actor may not see it), check the version the caller saw
 * (409) and the policy (403), decide (409 when the action does not apply now, 400 for bad values) and record
 * the event through the one writer, which writes only if the dossier is still at the version that was read —
 * so every guard holds at the moment of the write, without holding a transaction open while deciding.
 */
export async function actOnDossier(deps: DossierDeps, actor: Actor, code: string, input: ActionInput) {
  const { db } = deps;
  const found = await readableForAction(db, actor, code, input.version);
  const { row } = found;
  const { context, step, consultedAgencyOpen } = await actionContext(deps, actor, found);
  if (row.version !== input.version) {
    throw new AppError(
      'VERSION_CONFLICT',
      `Hồ sơ đã thay đổi (phiên bản ${row.version}); tải lại trước khi thao tác.`,
    );
  }
  if (!canAct(actor, accessOf(row), input.action, step, { consultedAgencyOpen })) {
    throw new AppError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này với hồ sơ ở bước hiện tại.');
  }
  if (input.action === 'assign')
    context.assigneeId = await resolveAssignee(db, input.assignee, row.handling_agency);
  if (input.action === 'consult') {
    const known = await agencyBriefs(db, input.agencies);
    const unknown = input.agencies.filter((agency) => !known.some((a) => a.code === agency));
    if (unknown.length > 0)
      throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${unknown.join(', ')}.`);
  }
  if (input.action === 'transfer') {
    if (!(await agencyBrief(db, input.toAgency)))
      throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy cơ quan có mã ${input.toAgency}.`);
    const target = await findProcessInForce(db, row.procedure_code, input.toAgency, deps.today());
    if (!target)
      throw new AppError('NO_PUBLISHED_PROCESS', 'Cơ quan nhận chưa có quy trình điện tử cho thủ tục này.');
    context.transfer = { toAgency: input.toAgency, processId: target.id, steps: target.steps };
  }
  // Files are resolved, sealed or signed only for an action the table admits now (decide checks again).
  const refusal = refusalOf(context, input.action);
  if (refusal) throw refusal;
  let decision: ReturnType<typeof decide>;
  let updated: DossierRow;
  if (preparesFiles(input.action)) {
    // The files are made on no connection; their rows are kept only if the event is written with them.
    const pending = new PendingWrites();
    context.prepared = await prepareAction(deps, actor, row, input, pending);
    decision = decide(context, input);
    const made = decision;
    updated = await inTransaction(db, async (trx) => {
      await pending.writeAll(trx);
      return recordEvent(trx, { kind: 'existing', row }, made);
    });
  } else {
    decision = decide(context, input);
    updated = await recordEvent(db, { kind: 'existing', row }, decision);
  }
  rememberDossier({ row: updated, openAgencies: openAgenciesAfter(found.openAgencies, decision) });
  return dossierView(updated, context.now);
}
