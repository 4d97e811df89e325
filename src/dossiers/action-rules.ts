import { AppError } from '../shared/errors.js';
import type { Step, StepKind } from '../workflow/model.js';
import { type ActionName, type DossierStatus, STATUS_NAMES_VI } from './model.js';
import type { DossierState } from './state.js';
import type { Timing } from './timing.js';

/** What the rules read: the dossier, where it stands in its process, the time and its open consultations. */
export interface RuleContext {
  state: DossierState;
  steps: Step[];
  now: number;
  timing: Timing;
  openConsultations: number;
}

type Guard = (ctx: RuleContext, step: Step | undefined) => AppError | null;

const notAllowed = (message: string) => new AppError('ACTION_NOT_ALLOWED', message);

/** Named guards: the conditions beyond step kind and status, each with the refusal it gives. */
export const GUARDS = {
  /** A supplement after appraisal is requested within 3 working days of receipt (Decree 61/2018 art. 19.4). */
  withinSupplementWindow: ({ state, now, timing }) =>
    state.acceptedAt !== null && now > timing.supplementDeadline(state.acceptedAt)
      ? new AppError(
          'SUPPLEMENT_WINDOW_CLOSED',
          'Đã quá 03 ngày làm việc kể từ ngày tiếp nhận: không được yêu cầu bổ sung hồ sơ.',
        )
      : null,
  noOpenConsultation: ({ openConsultations }) =>
    openConsultations > 0
      ? new AppError('CONSULTATION_PENDING', 'Còn ý kiến xin ý kiến chưa được trả lời.')
      : null,
  hasForwardTarget: ({ steps }, step) =>
    forwardTargets(steps, step).length === 0 ? notAllowed('Bước hiện tại không có bước chuyển tiếp.') : null,
  hasEarlierStep: ({ steps, state }) =>
    sendBackTargets(steps, state.stepKey).length === 0
      ? notAllowed('Không có bước xử lý nào trước bước hiện tại để trả lại.')
      : null,
  notSigned: ({ state }) => (state.signed ? notAllowed('Kết quả đã được ký số.') : null),
  signed: ({ state }) => (state.signed ? null : notAllowed('Kết quả phải được ký trước khi ban hành.')),
  hasAppointment: ({ state }) =>
    state.dueAt === null || state.acceptedAt === null ? notAllowed('Hồ sơ chưa có ngày hẹn trả.') : null,
  /** The appointment may be re-set only once (Decree 61/2018 art. 19.9). */
  appointmentNotReset: ({ state }) =>
    state.apologyCount > 0
      ? new AppError('APPOINTMENT_ALREADY_RESET', 'Ngày hẹn trả chỉ được điều chỉnh một lần.')
      : null,
  /** The apology is sent no later than 1 working day before the due date (Decree 61/2018 art. 19.9). */
  beforeApologyDeadline: ({ state, now, timing }) =>
    state.dueAt !== null && now > timing.apologyLatest(state.dueAt)
      ? new AppError(
          'APOLOGY_TOO_LATE',
          'Phiếu xin lỗi phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả.',
        )
      : null,
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;

interface ActionRule {
  /** Step kinds the action applies at; 'any' for actions on the dossier as a whole. */
  steps: readonly StepKind[] | 'any';
  statuses: readonly DossierStatus[];
  guards?: readonly GuardName[];
}

const WORKING: readonly DossierStatus[] = ['accepted', 'processing'];
const OPEN: readonly DossierStatus[] = [
  'submitted',
  'accepted',
  'processing',
  'supplement_requested',
  'payment_requested',
];

/**
 * Which action applies in which state and step kind, with which guards: the one table the transition
 * function checks before deciding and the dossier page reads to offer actions, so what is offered is
 * exactly what is accepted.
 */
export const ACTION_RULES: Record<ActionName, readonly ActionRule[]> = {
  accept: [{ steps: ['reception'], statuses: ['submitted'] }],
  request_supplement: [
    { steps: ['reception'], statuses: ['submitted'] },
    { steps: ['appraisal'], statuses: WORKING, guards: ['withinSupplementWindow'] },
  ],
  submit_supplement: [{ steps: 'any', statuses: ['supplement_requested'] }],
  // What processing finds due (a tax, a charge) is asked for before the result is issued.
  request_payment: [{ steps: ['appraisal', 'review', 'approval', 'issuing'], statuses: WORKING }],
  confirm_payment: [{ steps: 'any', statuses: ['payment_requested'] }],
  stop_processing: [{ steps: 'any', statuses: ['withdrawal_requested'] }],
  reject: [{ steps: ['reception'], statuses: ['submitted', 'accepted'] }],
  assign: [{ steps: ['assignment'], statuses: WORKING }],
  forward: [
    { steps: ['reception'], statuses: ['accepted'], guards: ['hasForwardTarget'] },
    {
      steps: ['assignment', 'appraisal', 'review'],
      statuses: WORKING,
      guards: ['noOpenConsultation', 'hasForwardTarget'],
    },
  ],
  send_back: [
    {
      steps: ['assignment', 'appraisal', 'review', 'approval'],
      statuses: WORKING,
      guards: ['hasEarlierStep'],
    },
  ],
  consult: [{ steps: ['appraisal'], statuses: WORKING }],
  answer_consultation: [{ steps: 'any', statuses: OPEN }],
  transfer: [{ steps: ['appraisal'], statuses: WORKING }],
  approve: [{ steps: ['approval'], statuses: WORKING }],
  refuse: [{ steps: ['appraisal', 'review', 'approval'], statuses: WORKING }],
  // The front desk scans the paper documents it receives (Decree 118/2025: reception includes digitising).
  digitise: [{ steps: ['reception'], statuses: ['submitted', 'accepted'] }],
  // A draft result may be attached while the dossier is appraised and approved; once signed it is fixed.
  attach_result: [
    { steps: ['appraisal', 'review', 'approval', 'issuing'], statuses: WORKING, guards: ['notSigned'] },
  ],
  sign: [{ steps: ['issuing'], statuses: WORKING, guards: ['notSigned'] }],
  issue_result: [{ steps: ['issuing'], statuses: WORKING, guards: ['signed'] }],
  return_result: [{ steps: ['return'], statuses: ['processed'] }],
  withdraw: [{ steps: 'any', statuses: OPEN }],
  apologise: [
    {
      steps: 'any',
      statuses: ['accepted', 'processing', 'supplement_requested', 'payment_requested'],
      guards: ['hasAppointment', 'appointmentNotReset', 'beforeApologyDeadline'],
    },
  ],
};

const CLOSED: readonly DossierStatus[] = ['rejected', 'stopped', 'returned'];

/** Steps a forward may go to: the next steps, except the return (a result is returned only once issued). */
export function forwardTargets(steps: Step[], step: Step | undefined): Step[] {
  if (!step) return [];
  return step.next
    .map((key) => steps.find((s) => s.key === key))
    .filter((s): s is Step => s !== undefined && s.kind !== 'return');
}

/** Steps a dossier may be sent back to: earlier processing steps (not the reception). */
export function sendBackTargets(steps: Step[], stepKey: string | null): Step[] {
  const index = steps.findIndex((s) => s.key === stepKey);
  return steps.slice(0, Math.max(index, 0)).filter((s) => s.kind !== 'reception');
}

function statusRefusal(status: DossierStatus): AppError {
  if (status === 'supplement_requested') return notAllowed('Hồ sơ đang chờ bổ sung.');
  if (status === 'payment_requested') return notAllowed('Hồ sơ đang chờ thực hiện nghĩa vụ tài chính.');
  if (status === 'withdrawal_requested')
    return notAllowed('Người nộp đã đề nghị rút hồ sơ; chỉ còn thao tác dừng xử lý.');
  if (status === 'processed') return notAllowed('Hồ sơ đã có kết quả.');
  return notAllowed(`Hồ sơ ở trạng thái "${STATUS_NAMES_VI[status]}" không cho phép thao tác này.`);
}

/** Null when the action applies to the dossier now; otherwise the refusal (409, with a stable code). */
export function refusalOf(ctx: RuleContext, action: ActionName): AppError | null {
  const { state, steps } = ctx;
  if (CLOSED.includes(state.status))
    return new AppError('DOSSIER_CLOSED', 'Hồ sơ đã kết thúc, không thể thao tác thêm.');
  const step = steps.find((s) => s.key === state.stepKey);
  const rule = ACTION_RULES[action].find(
    (r) => r.steps === 'any' || (step !== undefined && r.steps.includes(step.kind)),
  );
  if (!rule) return notAllowed(`Bước hiện tại (${step?.name ?? 'không có'}) không cho phép thao tác này.`);
  if (!rule.statuses.includes(state.status)) return statusRefusal(state.status);
  for (const guard of rule.guards ?? []) {
    const refusal = GUARDS[guard](ctx, step);
    if (refusal) return refusal;
  }
  return null;
}
