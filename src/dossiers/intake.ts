import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import { verifiedIdentity } from '../auth/store.js';
import type { ClockService } from '../calendar/clock-service.js';
import { agencyBrief, provincialCentre } from '../catalog/agency-store.js';
import { validateFormData } from '../catalog/eform.js';
import { procedureForIntake } from '../catalog/procedure-store.js';
import { isUniqueViolation } from '../db/database-errors.js';
import type { Database } from '../db/schema.js';
import type { DocumentServices } from '../documents/services.js';
import { AppError, invalid } from '../shared/errors.js';
import { foldForSearch } from '../shared/text.js';
import { findProcessInForce } from '../workflow/store.js';
import type { Decision } from './events.js';
import { decideFilingCapacity } from './filing-capacity.js';
import type { FileRefValue, IntakeInput, SubmittedDocument } from './model.js';
import { canReceiveOn } from './policy.js';
import { rememberDossier } from './recent-dossiers.js';
import { recordEvent } from './record-event.js';
import { documentsFromFiles, resolveDocuments } from './resolve-documents.js';
import { defaultReceivingCentre, routeToAgency } from './route-to-agency.js';
import { findIdempotentResponse, type NewDossier } from './store.js';
import { timingFor } from './timing.js';
import { dossierView } from './view.js';

export interface DossierDeps {
  db: Kysely<Database>;
  clocks: ClockService;
  today(): string;
  now(): number;
  /** Uploads, the file store, signing and the upload limits (the documents module). */
  documents: DocumentServices;
}

export interface IntakeResult {
  status: number;
  body: unknown;
}

async function requireProvincialCentre(db: Kysely<Database>): Promise<string> {
  const code = await provincialCentre(db);
  if (!code)
    throw new AppError('AGENCY_NOT_FOUND', 'Chưa cấu hình Trung tâm Phục vụ hành chính công cấp tỉnh.');
  return code;
}

/**
 * The response a completed request with this key got, if there is one (a retry gets it back unchanged); a key
 * reused for a different request is refused.
 */
async function storedResponse(
  db: Kysely<Database>,
  scope: string,
  key: string,
  requestHash: string,
  now: number,
) {
  const stored = await findIdempotentResponse(db, scope, key);
  if (!stored) return null;
  if (stored.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác.');
  }
  if (stored.dossierRow) return { status: stored.status, body: dossierView(stored.dossierRow, now) };
  return { status: stored.status, body: stored.body };
}

/**
 * Receives a dossier through any channel at any centre. Counter and postal intake accept it at once and
 * fix the appointment; an online filing waits in the receiving centre's queue for the completeness check.
 * The dossier keeps the procedure version and process version in force at reception for its whole life.
 * With an idempotency key, a retry returns the first response and never creates a second dossier.
 */
export function intakeDossier(
  deps: DossierDeps,
  actor: Actor,
  input: IntakeInput,
  idempotencyKey?: string,
): Promise<IntakeResult> {
  return intake(deps, { kind: 'account', actor }, input, `intake:${actor.id}`, idempotencyKey);
}

/** A document of a filing made on the national portal, its files already received by the documents module. */
export interface PortalDocument {
  name: string;
  form: SubmittedDocument['form'];
  copies: number;
  files: FileRefValue[];
}

/**
 * Receives a dossier filed on the national portal: an online filing like any other, waiting for the
 * completeness check, recorded as the portal's (no account of ours filed it, so it joins its applicant's
 * account when they sign in with their verified identity). The portal's dossier id is the idempotency key: a
 * filing handed over twice is received once.
 */
export function intakeFromNationalPortal(
  deps: DossierDeps,
  filing: { portalId: string; input: IntakeInput; documents: PortalDocument[] },
): Promise<IntakeResult> {
  const filer: Filer = { kind: 'national_portal', portalId: filing.portalId, documents: filing.documents };
  return intake(deps, filer, filing.input, 'intake:national-portal', filing.portalId);
}

/**
 * The dossier a portal filing became, if it was received (the portal may send a filing again with changed
 * content under the same id: it is the same filing, answered with the same dossier).
 */
export async function dossierOfPortalFiling(deps: DossierDeps, portalId: string) {
  const stored = await findIdempotentResponse(deps.db, 'intake:national-portal', portalId);
  if (!stored?.dossierRow) return null;
  const { code, receivingAgency, receivedAt } = dossierView(stored.dossierRow, deps.now());
  return { code, receivingAgency, receivedAt };
}

/** Who files: an account signed in here (a citizen online, an officer at the counter), or the national portal. */
type Filer =
  | { kind: 'account'; actor: Actor }
  | { kind: 'national_portal'; portalId: string; documents: PortalDocument[] };

async function intake(
  deps: DossierDeps,
  filer: Filer,
  input: IntakeInput,
  scope: string,
  idempotencyKey: string | undefined,
): Promise<IntakeResult> {
  const requestHash = createHash('sha256')
    .update(JSON.stringify(filer.kind === 'account' ? input : { input, documents: filer.documents }))
    .digest('hex');
  const idempotency = idempotencyKey ? { scope, key: idempotencyKey, requestHash } : null;
  let decided: { dossier: NewDossier; first: Decision };
  try {
    decided = await decideIntake(deps, filer, input);
  } catch (error) {
    // A retry of a request that completed gets its first response, even if the catalogue changed since.
    const stored =
      idempotency && (await storedResponse(deps.db, scope, idempotency.key, requestHash, deps.now()));
    if (stored) return stored;
    throw error;
  }
  try {
    const row = await recordEvent(
      deps.db,
      { kind: 'new', dossier: decided.dossier, ...(idempotency ? { idempotency } : {}) },
      decided.first,
    );
    rememberDossier({ row, openAgencies: [] });
    return { status: 201, body: dossierView(row, decided.first.at) };
  } catch (error) {
    // The same key was stored first (a retry, or the same request sent twice at once): answer as it was answered.
    if (idempotency && isUniqueViolation(error, 'idempotency_keys_pkey')) {
      const stored = await storedResponse(deps.db, scope, idempotency.key, requestHash, deps.now());
      if (stored) return stored;
    }
    throw error;
  }
}

/**
 * The representative on the record. A citizen whose identity the identity provider verified files online for
 * themselves, for the organisation they represent at law, or under a named authorisation
 * (`filing-capacity.ts`); officers at the counter and accounts without a verified identity give it as typed.
 */
async function filedAs(db: DossierDeps['db'], actor: Actor, input: IntakeInput) {
  const verified =
    actor.role === 'citizen' && input.channel === 'online' ? await verifiedIdentity(db, actor.id) : null;
  if (!verified) return input.representative ?? null;
  const decision = decideFilingCapacity(verified, input.applicant, input.representative);
  if (!decision.ok) throw invalid(decision.problems, 'Chưa rõ tư cách nộp hồ sơ.');
  return decision.representative;
}

/**
 * Everything intake decides before writing: who may file on this channel, the procedure and its version in
 * force, the e-form, where the dossier is received and handled, the process, and the first event with its
 * appointment. Reads reference data kept in memory; writes nothing.
 */
async function decideIntake(
  deps: DossierDeps,
  filer: Filer,
  input: IntakeInput,
): Promise<{ dossier: NewDossier; first: Decision }> {
  const { db } = deps;
  const actor = filer.kind === 'account' ? filer.actor : null;
  if (!actor && input.channel !== 'online')
    throw invalid([
      { field: 'body.channel', message: 'Hồ sơ từ Cổng Dịch vụ công quốc gia là hồ sơ trực tuyến' },
    ]);
  if (actor && !canReceiveOn(actor, input.channel)) {
    const message = {
      online: 'Hồ sơ trực tuyến do người dân, doanh nghiệp tự nộp.',
      counter: 'Chỉ công chức Bộ phận Một cửa tiếp nhận hồ sơ tại quầy.',
      postal: 'Chỉ nhân viên bưu chính công ích hoặc Bộ phận Một cửa tiếp nhận hồ sơ qua bưu chính.',
    }[input.channel];
    throw new AppError('FORBIDDEN', message);
  }
  const procedure = await procedureForIntake(db, input.procedureCode, deps.today());
  if (!procedure)
    throw new AppError(
      'PROCEDURE_NOT_FOUND',
      `Không tìm thấy thủ tục đang được công bố có mã ${input.procedureCode}.`,
    );
  const content = procedure.version.content;
  if (!content.channels.includes(input.channel)) {
    throw invalid([{ field: 'body.channel', message: 'Thủ tục này không được thực hiện qua kênh đã chọn' }]);
  }
  const representative = actor ? await filedAs(db, actor, input) : (input.representative ?? null);
  const formSchema = content.documents.find((d) => d.formSchema)?.formSchema;
  if (formSchema) {
    const issues = validateFormData(procedure.version.id, formSchema, input.formData);
    if (issues.length > 0) throw invalid(issues, 'Tờ khai chưa hợp lệ.');
  }

  const ward = input.applicant.address.wardCode;
  const receivingAgency =
    input.channel === 'online'
      ? (input.receivingCentre ??
        (await defaultReceivingCentre(db, procedure.levels, ward, await requireProvincialCentre(db))))
      : (actor?.agencyCode ?? '');
  if (!(await agencyBrief(db, receivingAgency))) {
    throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy nơi tiếp nhận ${receivingAgency}.`);
  }
  const handlingAgency = await routeToAgency(
    db,
    { levels: procedure.levels, handlingAgencyCode: procedure.handlingAgencyCode },
    receivingAgency,
    ward,
    input.handlingAgency,
  );
  const process = await findProcessInForce(db, procedure.code, handlingAgency, deps.today());
  if (!process)
    throw new AppError('NO_PUBLISHED_PROCESS', 'Thủ tục chưa có quy trình điện tử được ban hành.');
  const reception = process.steps[0];
  if (!reception) throw new AppError('NO_PUBLISHED_PROCESS', 'Quy trình điện tử không có bước tiếp nhận.');

  const clock = await deps.clocks.clock(receivingAgency, db);
  const timing = timingFor(clock, content.timeLimit, process.steps, process.hoursPerDay);
  const now = deps.now();
  const documents =
    filer.kind === 'account'
      ? await resolveDocuments(db, deps.documents.limits, filer.actor, input, { files: 0, bytes: 0 }, now)
      : await documentsFromFiles(db, deps.documents.limits, filer.documents);
  const opening = {
    channel: input.channel,
    receivingAgency,
    handlingAgency,
    processId: process.id,
    procedureVersionId: procedure.version.id,
    stepDueAt: timing.stepDue(reception, now),
    documents,
    ...(documents.some((d) => d.origin === 'wallet') ? { reuseConsent: true } : {}),
    ...(filer.kind === 'national_portal' ? { nationalPortalId: filer.portalId } : {}),
  };
  const header = {
    at: now,
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    actorAgency: actor?.agencyCode ?? null,
    agencyCode: handlingAgency,
    fromStep: null,
    toStep: reception.key,
    fromStatus: null,
    note: null,
  };
  const first: Decision =
    input.channel === 'online'
      ? { ...header, action: 'submit', toStatus: 'submitted', payload: opening }
      : {
          ...header,
          action: 'receive',
          toStatus: 'accepted',
          payload: { ...opening, dueAt: timing.appointment(now) },
        };
  return {
    first,
    dossier: {
      procedureCode: procedure.code,
      applicant: input.applicant,
      applicantIdNumber: input.applicant.idNumber,
      applicantSearch: foldForSearch(`${input.applicant.fullName} ${representative?.fullName ?? ''}`),
      representative,
      formData: input.formData,
      documents,
    },
  };
}
