import type { Role } from '../auth/roles.js';
import type { Clock } from '../calendar/deadline.js';
import { AppError, invalid } from '../shared/errors.js';
import { actionApplies } from './action-rules.js';
import {
  answerDue,
  clarificationOnTime,
  classificationDues,
  classifiedOnTime,
  handleDue,
  nextProgressDue,
  publishDue,
} from './deadlines.js';
import type { FeedbackDecision } from './events.js';
import type { Classification, FeedbackStatus, OfficerActionInput, SubmitterActionInput } from './model.js';
import { redactPersonalData } from './redact.js';
import type { FeedbackSettings } from './settings.js';
import type { FeedbackState } from './state.js';

export interface DecideFeedbackContext {
  now: number;
  actor: { id: number; role: Role; agencyCode: string | null } | null;
  clock: Clock;
  settings: FeedbackSettings;
  /** When the current classification period began: receipt, or the last clarification received. */
  classificationStartedAt: number;
  /** The last progress report, if any. */
  lastProgressAt: number | null;
  /** The submitter's name and address as given, removed again from published texts. */
  personalPhrases: readonly string[];
}

const OUTCOME_STATUS: Record<Classification, FeedbackStatus> = {
  not_accepted: 'not_accepted',
  staff_conduct: 'forwarded',
  within_competence: 'handling',
  outside_competence: 'forwarded',
};

function needs(field: string, message: string): never {
  throw invalid([{ field: `body.${field}`, message }], message);
}

/**
 * The one event an action produces, with every due instant and on-time flag computed now. Refuses with the
 * life-cycle table's answer (409) before looking at values (400), like the dossier's transition function.
 */
export function decideFeedback(
  state: FeedbackState,
  input: OfficerActionInput | SubmitterActionInput,
  ctx: DecideFeedbackContext,
): FeedbackDecision {
  if (!actionApplies(input.action, state.status))
    throw new AppError(
      'FEEDBACK_ACTION_NOT_ALLOWED',
      `Không thể thực hiện thao tác này khi phản ánh, kiến nghị đang ở trạng thái hiện tại.`,
    );
  const { now, clock, settings } = ctx;
  const base = {
    at: now,
    actorId: ctx.actor?.id ?? null,
    actorRole: ctx.actor?.role ?? null,
    actorAgency: ctx.actor?.agencyCode ?? null,
    fromStatus: state.status,
    note: null,
  };
  const to = (status: FeedbackStatus) => ({ ...base, toStatus: status });
  const same = to(state.status);

  switch (input.action) {
    case 'log':
      return { ...to('logged'), note: input.note ?? null, action: 'log', payload: {} };
    case 'request_clarification':
      return {
        ...to('clarification_requested'),
        note: input.question,
        action: 'request_clarification',
        payload: {
          question: input.question,
          onTime: clarificationOnTime(clock, settings, ctx.classificationStartedAt, now),
        },
      };
    case 'clarify':
      return {
        ...to('logged'),
        note: input.text,
        action: 'clarify',
        payload: classificationDues(clock, settings, now),
      };
    case 'classify': {
      const assigns = input.outcome === 'within_competence' || input.outcome === 'staff_conduct';
      if (assigns && !input.toAgency) needs('toAgency', 'Cần chọn cơ quan nhận phản ánh, kiến nghị');
      if (input.outcome === 'outside_competence' && !input.forwardTo)
        needs('forwardTo', 'Cần nêu cơ quan có thẩm quyền nhận phản ánh, kiến nghị');
      const handling = input.outcome === 'within_competence';
      const handleBy = handling ? handleDue(clock, settings, now) : null;
      return {
        ...to(OUTCOME_STATUS[input.outcome]),
        note: input.reason,
        action: 'classify',
        payload: {
          outcome: input.outcome,
          reason: input.reason,
          toAgency: assigns ? (input.toAgency ?? null) : null,
          forwardTo: input.outcome === 'outside_competence' ? (input.forwardTo ?? null) : null,
          onTime: classifiedOnTime(
            clock,
            settings,
            ctx.classificationStartedAt,
            now,
            input.outcome === 'not_accepted',
          ),
          handleBy,
          progressBy: handleBy === null ? null : nextProgressDue(clock, settings, handleBy, null),
        },
      };
    }
    case 'progress': {
      if (state.handleBy === null) throw new Error('an item being handled has a handling deadline');
      return {
        ...same,
        note: input.text,
        action: 'progress',
        payload: { text: input.text, progressBy: nextProgressDue(clock, settings, state.handleBy, now) },
      };
    }
    case 'handle':
      return {
        ...to('handled'),
        note: input.result,
        action: 'handle',
        payload: {
          result: input.result,
          onTime: state.handleBy === null || now <= state.handleBy,
          answerBy: answerDue(clock, settings, now),
        },
      };
    case 'answer':
      return {
        ...to('answered'),
        action: 'answer',
        payload: {
          answer: input.answer,
          onTime: state.answerBy === null || now <= state.answerBy,
          publishBy: publishDue(clock, settings, now),
        },
      };
    case 'publish':
      return {
        ...to('published'),
        action: 'publish',
        payload: {
          publicTitle: redactPersonalData(input.publicTitle, ctx.personalPhrases),
          publicQuestion: redactPersonalData(input.publicQuestion, ctx.personalPhrases),
          publicAnswer: redactPersonalData(input.publicAnswer, ctx.personalPhrases),
          onTime: state.publishBy === null || now <= state.publishBy,
        },
      };
    case 'rate_answer':
      if (state.answerRating !== null)
        throw new AppError('FEEDBACK_ALREADY_RATED', 'Câu trả lời này đã được đánh giá.');
      return {
        ...same,
        note: input.comment ?? null,
        action: 'rate_answer',
        payload: { rating: input.rating, comment: input.comment ?? null },
      };
  }
}
