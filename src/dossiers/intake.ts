import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/roles.js';
import type { ClockService } from '../calendar/clock-service.js';
import { agencyBrief, provincialCentre } from '../catalog/agency-store.js';
import { validateFormData } from '../catalog/eform.js';
import { procedureForIntake } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import type { DocumentServices } from '../documents/services.js';
import { AppError, invalid } from '../shared/errors.js';
import { foldForSearch } from '../shared/text.js';
import { findProcessInForce } from '../workflow/store.js';
import type { Decision } from './events.js';
import type { IntakeInput } from './model.js';
import { canReceiveOn } from './policy.js';
import { recordEvent } from './record-event.js';
import { resolveDocuments } from './resolve-documents.js';
import { defaultReceivingCentre, routeToAgency } from './route-to-agency.js';
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

/** A stored response for this key, if the first request already completed (a retry gets it back unchanged). */
async function storedResponse(db: Kysely<Database>, scope: string, key: string, requestHash: string) {
  const stored = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!stored || stored.response_status === null) return null;
  if (stored.request_hash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác.');
  }
  return { status: stored.response_status, body: stored.response_body };
}

/**
 * Receives a dossier through any channel at any centre. Counter and postal intake accept it at once and
 * fix the appointment; an online filing waits in the receiving centre's queue for the completeness check.
 * The dossier keeps the procedure version and process version in force at reception for its whole life.
 * With an idempotency key, a retry returns the first response and never creates a second dossier.
 */
export async function intakeDossier(
  deps: DossierDeps,
  actor: Actor,
  input: IntakeInput,
  idempotencyKey?: string,
): Promise<IntakeResult> {
  const { db } = deps;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const scope = `intake:${actor.id}`;
  // A retry of a request that completed gets its first response, even if the catalogue changed since.
  if (idempotencyKey) {
    const stored = await storedResponse(db, scope, idempotencyKey, requestHash);
    if (stored) return stored;
  }
  if (!canReceiveOn(actor, input.channel)) {
    const message = {
      online: 'Hồ sơ trực tuyến do người dân, doanh nghiệp tự nộp.',
      counter: 'Chỉ công chức Bộ phận Một cửa tiếp nhận hồ sơ tại quầy.',
      postal: 'Chỉ nhân viên bưu chính công ích hoặc Bộ phận Một cửa tiếp nhận hồ sơ qua bưu chính.',
    }[input.channel];
    throw new AppError('FORBIDDEN', message);
  }

  return db.transaction().execute(async (trx) => {
    const procedure = await procedureForIntake(trx, input.procedureCode, deps.today());
    if (!procedure)
      throw new AppError(
        'PROCEDURE_NOT_FOUND',
        `Không tìm thấy thủ tục đang được công bố có mã ${input.procedureCode}.`,
      );
    const content = procedure.version.content;
    if (!content.channels.includes(input.channel)) {
      throw invalid([
        { field: 'body.channel', message: 'Thủ tục này không được thực hiện qua kênh đã chọn' },
      ]);
    }
    const formSchema = content.documents.find((d) => d.formSchema)?.formSchema;
    if (formSchema) {
      const issues = validateFormData(procedure.version.id, formSchema, input.formData);
      if (issues.length > 0) throw invalid(issues, 'Tờ khai chưa hợp lệ.');
    }

    const ward = input.applicant.address.wardCode;
    const receivingAgency =
      input.channel === 'online'
        ? (input.receivingCentre ??
          (await defaultReceivingCentre(trx, procedure.levels, ward, await requireProvincialCentre(trx))))
        : (actor.agencyCode ?? '');
    if (!(await agencyBrief(trx, receivingAgency))) {
      throw new AppError('AGENCY_NOT_FOUND', `Không tìm thấy nơi tiếp nhận ${receivingAgency}.`);
    }
    const handlingAgency = await routeToAgency(
      trx,
      { levels: procedure.levels, handlingAgencyCode: procedure.handlingAgencyCode },
      receivingAgency,
      ward,
      input.handlingAgency,
    );
    const process = await findProcessInForce(trx, procedure.code, handlingAgency, deps.today());
    if (!process)
      throw new AppError('NO_PUBLISHED_PROCESS', 'Thủ tục chưa có quy trình điện tử được ban hành.');
    const reception = process.steps[0];
    if (!reception) throw new AppError('NO_PUBLISHED_PROCESS', 'Quy trình điện tử không có bước tiếp nhận.');

    if (idempotencyKey) {
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ scope, key: idempotencyKey, request_hash: requestHash })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        // A concurrent first attempt held the key; the claim waited for it to commit.
        const stored = await storedResponse(trx, scope, idempotencyKey, requestHash);
        if (!stored)
          throw new AppError(
            'CONFLICT',
            'Yêu cầu cùng khóa Idempotency-Key đang được xử lý, vui lòng thử lại.',
          );
        return stored;
      }
    }
    const clock = await deps.clocks.clock(receivingAgency, trx);
    const timing = timingFor(clock, content.timeLimit, process.steps, process.hoursPerDay);
    const now = deps.now();
    const documents = await resolveDocuments(
      trx,
      deps.documents.limits,
      actor,
      input,
      { files: 0, bytes: 0 },
      now,
    );
    const opening = {
      channel: input.channel,
      receivingAgency,
      handlingAgency,
      processId: process.id,
      procedureVersionId: procedure.version.id,
      stepDueAt: timing.stepDue(reception, now),
      documents,
      ...(documents.some((d) => d.origin === 'wallet') ? { reuseConsent: true } : {}),
    };
    const header = {
      at: now,
      actorId: actor.id,
      actorRole: actor.role,
      actorAgency: actor.agencyCode,
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
    const row = await recordEvent(
      trx,
      {
        kind: 'new',
        dossier: {
          procedureCode: procedure.code,
          applicant: input.applicant,
          applicantIdNumber: input.applicant.idNumber,
          applicantSearch: foldForSearch(
            `${input.applicant.fullName} ${input.representative?.fullName ?? ''}`,
          ),
          representative: input.representative ?? null,
          formData: input.formData,
          documents,
          ownerId: actor.role === 'citizen' ? actor.id : null,
        },
      },
      first,
    );
    const body = dossierView(row, now);
    if (idempotencyKey) {
      await trx
        .updateTable('idempotency_keys')
        .set({ response_status: 201, response_body: JSON.stringify(body) })
        .where('scope', '=', scope)
        .where('key', '=', idempotencyKey)
        .execute();
    }
    return { status: 201, body };
  });
}
