import type { Actor } from '../auth/roles.js';
import { AppError } from '../shared/errors.js';
import { actionsOf, type Step } from '../workflow/model.js';
import type { ActionInput, DossierStatus } from './model.js';
import type { DossierEvent, DossierState } from './state.js';

export interface Timing {
  /** The appointment for a dossier accepted (or complete again) at this instant, from the procedure's time limit. */
  appointment(from: number): number;
  stepDue(step: Step, from: number): number | null;
  /** After appraisal a supplement may be requested within 3 working days of receipt (Decree 61/2018 art. 19.4). */
  supplementDeadline(acceptedAt: number): number;
  /** The apology must be sent no later than 1 working day before the due date (art. 19.9). */
  apologyLatest(dueAt: number): number;
  consultationDue(from: number, workingDays: number): number;
  /** The close of office hours on a date (YYYY-MM-DD), or null when it is not a working day. */
  closeOfDay(isoDate: string): number | null;
  /** Early / on time / late of a dossier finishing now; null when it was never accepted. */
  timeliness(state: DossierState, finishedAt: number): 'early' | 'on_time' | 'late' | null;
}

export interface DecideContext {
  state: DossierState;
  steps: Step[];
  now: number;
  actor: Actor;
  timing: Timing;
  openConsultations: number;
  assigneeId?: number;
  transfer?: { toAgency: string; processId: number; steps: Step[] };
}

export type Decision = Omit<DossierEvent, 'seq'>;

const CLOSED: DossierStatus[] = ['rejected', 'stopped', 'returned'];

function notAllowed(message: string): AppError {
  return new AppError('ACTION_NOT_ALLOWED', message);
}

function stepIndex(steps: Step[], key: string | null): number {
  return steps.findIndex((s) => s.key === key);
}

function returnStep(steps: Step[]): Step {
  const found = steps.find((s) => s.kind === 'return');
  if (!found) throw new Error('a published process always has a return step');
  return found;
}

/**
 * The transition function: given the dossier's state and a command, either refuses (409 with a stable
 * code) or returns the one event that records it, with every due instant already computed.
 */
export function decide(ctx: DecideContext, input: ActionInput): Decision {
  const { state, steps, now, actor, timing } = ctx;
  if (CLOSED.includes(state.status))
    throw new AppError('DOSSIER_CLOSED', 'Hồ sơ đã kết thúc, không thể thao tác thêm.');
  const index = stepIndex(steps, state.stepKey);
  const step = steps[index];
  const event = (
    toStatus: DossierStatus,
    toStep: string | null,
    payload: Record<string, unknown> = {},
    note: string | null = null,
  ): Decision => ({
    action: input.action,
    at: now,
    actorId: actor.id,
    actorRole: actor.role,
    actorAgency: actor.agencyCode,
    agencyCode: state.handlingAgency,
    fromStep: state.stepKey,
    toStep,
    fromStatus: state.status,
    toStatus,
    note,
    payload,
  });
  const enter = (target: Step) => ({ stepDueAt: timing.stepDue(target, now) });
  const stepOffers = (action: string) => step !== undefined && actionsOf(step.kind).includes(action);
  const requireStep = (action: string) => {
    if (!stepOffers(action))
      throw notAllowed(`Bước hiện tại (${step?.name ?? 'không có'}) không cho phép thao tác này.`);
    if (state.status === 'supplement_requested') throw notAllowed('Hồ sơ đang chờ bổ sung.');
    if (state.status === 'processed') throw notAllowed('Hồ sơ đã có kết quả.');
    return step as Step;
  };

  switch (input.action) {
    case 'accept': {
      const current = requireStep('accept');
      if (state.status !== 'submitted')
        throw notAllowed('Chỉ hồ sơ mới đăng ký đang chờ kiểm tra mới được tiếp nhận.');
      return event(
        'accepted',
        current.key,
        { dueAt: timing.appointment(now), ...enter(current) },
        input.note ?? null,
      );
    }
    case 'request_supplement': {
      const current = requireStep('request_supplement');
      const payload = { items: input.items, reason: input.reason };
      if (current.kind === 'reception') {
        if (state.status !== 'submitted')
          throw notAllowed(
            'Hồ sơ đã được tiếp nhận; yêu cầu bổ sung sau thẩm định do cơ quan giải quyết thực hiện.',
          );
        return event(
          'supplement_requested',
          current.key,
          { ...payload, phase: 'reception', stepDueAt: null },
          input.reason,
        );
      }
      if (state.acceptedAt !== null && now > timing.supplementDeadline(state.acceptedAt)) {
        throw new AppError(
          'SUPPLEMENT_WINDOW_CLOSED',
          'Đã quá 03 ngày làm việc kể từ ngày tiếp nhận: không được yêu cầu bổ sung hồ sơ.',
        );
      }
      return event(
        'supplement_requested',
        current.key,
        { ...payload, phase: 'processing', stepDueAt: null },
        input.reason,
      );
    }
    case 'submit_supplement': {
      if (state.status !== 'supplement_requested' || !step)
        throw notAllowed('Hồ sơ không ở trạng thái chờ bổ sung.');
      if (state.supplementPhase === 'reception') {
        return event(
          'submitted',
          step.key,
          { documents: input.documents, ...enter(step) },
          input.note ?? null,
        );
      }
      // The time limit restarts from zero when the complete dossier arrives (Decree 61/2018 art. 19.4).
      return event(
        'processing',
        step.key,
        { documents: input.documents, dueAt: timing.appointment(now), ...enter(step) },
        input.note ?? null,
      );
    }
    case 'reject': {
      const current = requireStep('reject');
      if (state.status !== 'submitted' && state.status !== 'accepted')
        throw notAllowed('Chỉ từ chối khi đang kiểm tra hồ sơ.');
      return event('rejected', current.key, { reason: input.reason, stepDueAt: null }, input.reason);
    }
    case 'assign': {
      const current = requireStep('assign');
      if (ctx.assigneeId === undefined) throw notAllowed('Người được phân công không hợp lệ.');
      return event(state.status === 'accepted' ? 'processing' : state.status, current.key, {
        assigneeId: ctx.assigneeId,
      });
    }
    case 'forward': {
      const current = requireStep('forward');
      if (current.kind === 'reception' && state.status !== 'accepted')
        throw notAllowed('Hồ sơ phải được tiếp nhận trước khi chuyển xử lý.');
      if (ctx.openConsultations > 0)
        throw new AppError('CONSULTATION_PENDING', 'Còn ý kiến xin ý kiến chưa được trả lời.');
      const targetKey = input.toStep ?? current.next[0];
      if (!targetKey || !current.next.includes(targetKey))
        throw notAllowed(`Không thể chuyển tới bước "${input.toStep ?? ''}".`);
      const target = steps[stepIndex(steps, targetKey)] as Step;
      if (target.kind === 'return') throw notAllowed('Kết quả chỉ chuyển trả sau khi được ban hành.');
      // The handler chosen at the assignment step carries over to the step it assigned for.
      const assigneeId = current.kind === 'assignment' ? state.assigneeId : null;
      return event('processing', target.key, { ...enter(target), assigneeId }, input.note ?? null);
    }
    case 'send_back': {
      requireStep('send_back');
      const targetIndex = stepIndex(steps, input.toStep);
      const target = steps[targetIndex];
      if (!target || targetIndex >= index || target.kind === 'reception') {
        throw notAllowed('Chỉ trả lại về một bước xử lý trước đó.');
      }
      return event(
        'processing',
        target.key,
        { ...enter(target), assigneeId: null, reason: input.reason },
        input.reason,
      );
    }
    case 'consult': {
      const current = requireStep('consult');
      const agencies = [...new Set(input.agencies)].filter((a) => a !== state.handlingAgency);
      if (agencies.length === 0) throw notAllowed('Cần ít nhất một cơ quan khác để xin ý kiến.');
      const dueAt = timing.consultationDue(now, input.workingDays);
      return event(
        state.status === 'accepted' ? 'processing' : state.status,
        current.key,
        {
          agencies,
          question: input.question,
          consultationDueAt: dueAt,
        },
        input.question,
      );
    }
    case 'answer_consultation':
      if (state.status === 'processed') throw notAllowed('Hồ sơ đã có kết quả.');
      return event(
        state.status,
        state.stepKey,
        { answer: input.answer, agency: actor.agencyCode },
        input.answer,
      );
    case 'transfer': {
      requireStep('transfer');
      const transfer = ctx.transfer;
      if (!transfer || transfer.toAgency === state.handlingAgency)
        throw notAllowed('Cơ quan nhận liên thông không hợp lệ.');
      const first = transfer.steps.find((s) => s.kind !== 'reception');
      if (!first) throw notAllowed('Quy trình của cơ quan nhận không có bước xử lý.');
      const payload = {
        toAgency: transfer.toAgency,
        fromAgency: state.handlingAgency,
        processId: transfer.processId,
      };
      return event('processing', first.key, { ...payload, ...enter(first) }, input.note ?? null);
    }
    case 'approve': {
      const current = requireStep('approve');
      const target = steps[stepIndex(steps, current.next[0] ?? null)];
      if (!target) throw notAllowed('Quy trình không có bước sau phê duyệt.');
      return event('processing', target.key, { ...enter(target), assigneeId: null }, input.note ?? null);
    }
    case 'refuse': {
      requireStep('refuse');
      const back = returnStep(steps);
      const timeliness = timing.timeliness(state, now);
      return event(
        'processed',
        back.key,
        { reason: input.reason, stepDueAt: null, timeliness },
        input.reason,
      );
    }
    case 'sign': {
      const current = requireStep('sign');
      if (state.signed) throw notAllowed('Kết quả đã được ký số.');
      return event(state.status, current.key, { signedBy: actor.username });
    }
    case 'issue_result': {
      requireStep('issue_result');
      if (!state.signed) throw notAllowed('Kết quả phải được ký trước khi ban hành.');
      const back = returnStep(steps);
      const timeliness = timing.timeliness(state, now);
      return event('processed', back.key, {
        resultNumber: input.resultNumber ?? null,
        stepDueAt: null,
        timeliness,
      });
    }
    case 'return_result': {
      if (state.status !== 'processed' || step?.kind !== 'return')
        throw notAllowed('Chỉ trả kết quả khi hồ sơ đã có kết quả.');
      return event('returned', null, { method: input.method, stepDueAt: null });
    }
    case 'withdraw': {
      if (state.status === 'processed') throw notAllowed('Đã có kết quả giải quyết: không thể rút hồ sơ.');
      const timeliness = timing.timeliness(state, now);
      return event('stopped', null, { reason: input.reason, stepDueAt: null, timeliness }, input.reason);
    }
    case 'apologise': {
      if (state.dueAt === null || state.acceptedAt === null) throw notAllowed('Hồ sơ chưa có ngày hẹn trả.');
      if (state.status === 'processed') throw notAllowed('Hồ sơ đã có kết quả.');
      if (state.apologyCount > 0) {
        throw new AppError('APPOINTMENT_ALREADY_RESET', 'Ngày hẹn trả chỉ được điều chỉnh một lần.');
      }
      if (now > timing.apologyLatest(state.dueAt)) {
        throw new AppError(
          'APOLOGY_TOO_LATE',
          'Phiếu xin lỗi phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả.',
        );
      }
      const newDueAt = timing.closeOfDay(input.newDueDate);
      if (newDueAt === null || newDueAt <= state.dueAt) {
        throw notAllowed('Ngày hẹn mới phải là một ngày làm việc sau ngày hẹn cũ.');
      }
      return event(
        state.status,
        state.stepKey,
        { reason: input.reason, newDueAt, previousDueAt: state.dueAt },
        input.reason,
      );
    }
  }
}
