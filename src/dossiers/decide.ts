import type { Actor } from '../auth/roles.js';
import { invalid } from '../shared/errors.js';
import type { Step } from '../workflow/model.js';
import { forwardTargets, type RuleContext, refusalOf, sendBackTargets } from './action-rules.js';
import type { Decision, EventAction, PayloadOf } from './events.js';
import type { ActionInput, DossierStatus, SubmittedDocument } from './model.js';

export interface DecideContext extends RuleContext {
  actor: Actor;
  /** The handler chosen by an `assign` command, resolved to an officer of the handling agency. */
  assigneeId?: number;
  /** The receiving agency's process in force, for a `transfer`. */
  transfer?: { toAgency: string; processId: number; steps: Step[] };
  /** What the use case made of the command's files: resolved, sealed or signed (`prepare-action.ts`). */
  prepared?: Prepared;
}

export interface Prepared {
  /** Supplemented documents with their files (uploads checked to be the actor's, wallet items the owner's). */
  documents?: SubmittedDocument[];
  digitised?: PayloadOf<'digitise'>;
  result?: PayloadOf<'attach_result'>;
  signed?: NonNullable<PayloadOf<'sign'>['result']>;
}

function needs<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} must be prepared before deciding`);
  return value;
}

function returnStep(steps: Step[]): Step {
  const found = steps.find((s) => s.kind === 'return');
  if (!found) throw new Error('a published process always has a return step');
  return found;
}

/**
 * Working days the agency has to answer a withdrawal request with the stop-processing notice. RULES.md §3 (Decree
 * 118 art. 21; Circular 03/2025 art. 7) sets no period; one working day is this system's own target, shown in the
 * queue as the step's due time, not a legal deadline.
 */
const WITHDRAWAL_ANSWER_DAYS = 1;

/**
 * The transition function: given the dossier's state and a command, either refuses or returns the one
 * event that records it, with every due instant already computed. Whether the action applies now is the
 * action table's answer (`refusalOf`, 409); what is checked here is only whether these values are valid (400).
 */
export function decide(ctx: DecideContext, input: ActionInput): Decision {
  const refusal = refusalOf(ctx, input.action);
  if (refusal) throw refusal;
  const { state, steps, now, actor, timing } = ctx;
  const step = steps.find((s) => s.key === state.stepKey) as Step;
  const header = (toStatus: DossierStatus, toStep: string | null, note: string | null) => ({
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
  });
  const make = <A extends EventAction>(
    action: A,
    toStatus: DossierStatus,
    toStep: string | null,
    payload: PayloadOf<A>,
    note: string | null = null,
  ) => ({ ...header(toStatus, toStep, note), action, payload }) as Decision;
  const working = state.status === 'accepted' ? 'processing' : state.status;
  // A dossier stopped while the applicant was paying: the wait was theirs, so it does not make the agency late.
  const withPaymentWait = (s: typeof state) =>
    s.pausedSince !== null && s.supplementPhase === null && s.originalDueAt !== null
      ? { ...s, originalDueAt: timing.afterPause(s.originalDueAt, s.pausedSince, now) }
      : s;

  switch (input.action) {
    case 'accept':
      return make(
        'accept',
        'accepted',
        step.key,
        { dueAt: timing.appointment(now), stepDueAt: timing.stepDue(step, now) },
        input.note ?? null,
      );
    case 'request_supplement': {
      const phase = step.kind === 'reception' ? 'reception' : 'processing';
      return make(
        'request_supplement',
        'supplement_requested',
        step.key,
        { items: input.items, reason: input.reason, phase, stepDueAt: null },
        input.reason,
      );
    }
    case 'submit_supplement': {
      const documents =
        ctx.prepared?.documents ?? input.documents.map(({ name, form, copies }) => ({ name, form, copies }));
      if (state.supplementPhase === 'reception') {
        return make(
          'submit_supplement',
          'submitted',
          step.key,
          { documents, stepDueAt: timing.stepDue(step, now) },
          input.note ?? null,
        );
      }
      // The time limit restarts from zero when the complete dossier arrives (Decree 61/2018 art. 19.4).
      return make(
        'submit_supplement',
        'processing',
        step.key,
        { documents, dueAt: timing.appointment(now), stepDueAt: timing.stepDue(step, now) },
        input.note ?? null,
      );
    }
    case 'request_payment': {
      const payBy = input.payBy === undefined ? null : timing.closeOfDay(input.payBy);
      if (input.payBy !== undefined && (payBy === null || payBy <= now))
        throw invalid([
          { field: 'body.payBy', message: 'Hạn nộp phải là một ngày làm việc từ hôm nay trở đi' },
        ]);
      return make(
        'request_payment',
        'payment_requested',
        step.key,
        { amount: input.amount, reason: input.reason, payBy, stepDueAt: null },
        input.reason,
      );
    }
    case 'confirm_payment': {
      // The time spent waiting for the payment is the applicant's, as for a supplement: the appointment moves by it
      // (RULES.md §2 names status 6 only; the pause is this system's reading, ADR 0010).
      const since = state.pausedSince ?? now;
      const moved = (due: number | null) => (due === null ? null : timing.afterPause(due, since, now));
      return make(
        'confirm_payment',
        'processing',
        step.key,
        {
          reference: input.reference,
          stepDueAt: timing.stepDue(step, now),
          dueAt: moved(state.dueAt),
          originalDueAt: moved(state.originalDueAt),
        },
        input.note ?? null,
      );
    }
    case 'reject':
      return make('reject', 'rejected', step.key, { reason: input.reason, stepDueAt: null }, input.reason);
    case 'assign':
      if (ctx.assigneeId === undefined)
        throw invalid([{ field: 'body.assignee', message: 'Người được phân công không hợp lệ' }]);
      return make('assign', working, step.key, { assigneeId: ctx.assigneeId });
    case 'forward': {
      const targets = forwardTargets(steps, step);
      const target = input.toStep === undefined ? targets[0] : targets.find((s) => s.key === input.toStep);
      if (!target) throw invalid([{ field: 'body.toStep', message: 'Không thể chuyển tới bước này' }]);
      // The handler chosen at the assignment step carries over to the step it assigned for.
      const assigneeId = step.kind === 'assignment' ? state.assigneeId : null;
      return make(
        'forward',
        'processing',
        target.key,
        { stepDueAt: timing.stepDue(target, now), assigneeId },
        input.note ?? null,
      );
    }
    case 'send_back': {
      const target = sendBackTargets(steps, state.stepKey).find((s) => s.key === input.toStep);
      if (!target)
        throw invalid([{ field: 'body.toStep', message: 'Chỉ trả lại về một bước xử lý trước đó' }]);
      return make(
        'send_back',
        'processing',
        target.key,
        { stepDueAt: timing.stepDue(target, now), assigneeId: null, reason: input.reason },
        input.reason,
      );
    }
    case 'consult': {
      const agencies = [...new Set(input.agencies)].filter((a) => a !== state.handlingAgency);
      if (agencies.length === 0)
        throw invalid([{ field: 'body.agencies', message: 'Cần ít nhất một cơ quan khác để xin ý kiến' }]);
      return make(
        'consult',
        working,
        step.key,
        {
          agencies,
          question: input.question,
          consultationDueAt: timing.consultationDue(now, input.workingDays),
        },
        input.question,
      );
    }
    case 'answer_consultation':
      return make(
        'answer_consultation',
        state.status,
        state.stepKey,
        { answer: input.answer, agency: actor.agencyCode ?? '' },
        input.answer,
      );
    case 'transfer': {
      const transfer = ctx.transfer;
      if (!transfer || transfer.toAgency === state.handlingAgency)
        throw invalid([{ field: 'body.toAgency', message: 'Cơ quan nhận liên thông không hợp lệ' }]);
      const first = transfer.steps.find((s) => s.kind !== 'reception');
      if (!first)
        throw invalid([
          { field: 'body.toAgency', message: 'Quy trình của cơ quan nhận không có bước xử lý' },
        ]);
      return make(
        'transfer',
        'processing',
        first.key,
        {
          toAgency: transfer.toAgency,
          fromAgency: state.handlingAgency,
          processId: transfer.processId,
          stepDueAt: timing.stepDue(first, now),
        },
        input.note ?? null,
      );
    }
    case 'approve': {
      const target = steps.find((s) => s.key === step.next[0]);
      if (!target) throw new Error(`process step ${step.key} has no step after approval`);
      return make(
        'approve',
        'processing',
        target.key,
        { stepDueAt: timing.stepDue(target, now), assigneeId: null },
        input.note ?? null,
      );
    }
    case 'refuse':
      return make(
        'refuse',
        'processed',
        returnStep(steps).key,
        { reason: input.reason, stepDueAt: null, timeliness: timing.timeliness(state, now) },
        input.reason,
      );
    case 'digitise':
      return make('digitise', state.status, step.key, needs(ctx.prepared?.digitised, 'the scan set'));
    case 'attach_result':
      return make('attach_result', state.status, step.key, needs(ctx.prepared?.result, 'the result file'));
    case 'sign': {
      const result = ctx.prepared?.signed;
      return make('sign', state.status, step.key, {
        signedBy: actor.username,
        ...(result ? { result } : {}),
      });
    }
    case 'issue_result':
      return make('issue_result', 'processed', returnStep(steps).key, {
        resultNumber: input.resultNumber ?? null,
        stepDueAt: null,
        timeliness: timing.timeliness(state, now),
      });
    case 'return_result':
      return make('return_result', 'returned', null, { method: input.method, stepDueAt: null });
    case 'withdraw':
    case 'stop_processing':
      // The applicant may withdraw until a decision or result is issued, and the agency answers with the
      // stop-processing notice (RULES.md §3: Decree 118 art. 21; Circular 03/2025 art. 7). Once an agency works on
      // the dossier the withdrawal is a request it answers by stopping it (national status 7, then 8, RULES.md §2);
      // before that, or asked at the desk, it stops at once.
      if (input.action === 'withdraw' && actor.role === 'citizen' && state.status !== 'submitted')
        return make(
          'request_withdrawal',
          'withdrawal_requested',
          state.stepKey,
          { reason: input.reason, stepDueAt: timing.consultationDue(now, WITHDRAWAL_ANSWER_DAYS) },
          input.reason,
        );
      return make(
        'withdraw',
        'stopped',
        null,
        { reason: input.reason, stepDueAt: null, timeliness: timing.timeliness(withPaymentWait(state), now) },
        input.reason,
      );
    case 'apologise': {
      const previousDueAt = state.dueAt as number;
      const newDueAt = timing.closeOfDay(input.newDueDate);
      if (newDueAt === null || newDueAt <= previousDueAt)
        throw invalid([
          { field: 'body.newDueDate', message: 'Ngày hẹn mới phải là một ngày làm việc sau ngày hẹn cũ' },
        ]);
      return make(
        'apologise',
        state.status,
        state.stepKey,
        { reason: input.reason, newDueAt, previousDueAt },
        input.reason,
      );
    }
  }
}
