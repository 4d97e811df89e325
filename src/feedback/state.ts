import type { FeedbackEvent, FeedbackEventOf } from './events.js';
import type { Classification, FeedbackStatus } from './model.js';

/** What is owed next on an item and by when. */
export type DueKind = 'classify' | 'handle' | 'answer' | 'publish';

/** A feedback item's moving parts: a fold over its events. */
export interface FeedbackState {
  status: FeedbackStatus;
  receivedAt: number;
  rejectBy: number | null;
  classifyBy: number | null;
  classification: Classification | null;
  handlingAgency: string | null;
  handleBy: number | null;
  progressBy: number | null;
  answerBy: number | null;
  publishBy: number | null;
  handledOnTime: boolean | null;
  answer: string | null;
  publicTitle: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
  publishedAt: number | null;
  finishedAt: number | null;
  answerRating: 'satisfied' | 'not_satisfied' | null;
  version: number;
}

export function initialFeedbackState(event: FeedbackEventOf<'receive'>): FeedbackState {
  return {
    status: event.toStatus,
    receivedAt: event.payload.receivedAt,
    rejectBy: event.payload.rejectBy,
    classifyBy: event.payload.classifyBy,
    classification: null,
    handlingAgency: null,
    handleBy: null,
    progressBy: null,
    answerBy: null,
    publishBy: null,
    handledOnTime: null,
    answer: null,
    publicTitle: null,
    publicQuestion: null,
    publicAnswer: null,
    publishedAt: null,
    finishedAt: null,
    answerRating: null,
    version: 1,
  };
}

/** Applies one event. Pure: the writer's projection and any re-fold use it. */
export function applyFeedbackEvent(state: FeedbackState, event: FeedbackEvent): FeedbackState {
  const next: FeedbackState = { ...state, status: event.toStatus, version: state.version + 1 };
  switch (event.action) {
    case 'receive':
      throw new Error('receive opens a feedback item; it cannot follow another event');
    case 'log':
      break;
    case 'request_clarification':
      // The classification clock restarts when the clarified feedback arrives.
      next.rejectBy = null;
      next.classifyBy = null;
      break;
    case 'clarify':
      next.rejectBy = event.payload.rejectBy;
      next.classifyBy = event.payload.classifyBy;
      break;
    case 'classify':
      next.classification = event.payload.outcome;
      next.handlingAgency = event.payload.toAgency;
      next.handleBy = event.payload.handleBy;
      next.progressBy = event.payload.progressBy;
      if (event.payload.outcome !== 'within_competence') next.finishedAt = event.at;
      break;
    case 'progress':
      next.progressBy = event.payload.progressBy;
      break;
    case 'handle':
      next.handledOnTime = event.payload.onTime;
      next.answerBy = event.payload.answerBy;
      next.progressBy = null;
      break;
    case 'answer':
      next.answer = event.payload.answer;
      next.publishBy = event.payload.publishBy;
      break;
    case 'publish':
      next.publicTitle = event.payload.publicTitle;
      next.publicQuestion = event.payload.publicQuestion;
      next.publicAnswer = event.payload.publicAnswer;
      next.publishedAt = event.at;
      next.finishedAt = event.at;
      break;
    case 'rate_answer':
      next.answerRating = event.payload.rating;
      break;
    // The files are listed from the events (`attachments.ts`); the state only counts the version.
    case 'attach':
      break;
  }
  return next;
}

export function foldFeedbackEvents(events: FeedbackEvent[]): FeedbackState {
  const [first, ...rest] = events;
  if (first?.action !== 'receive') throw new Error('a feedback item opens with receive');
  return rest.reduce(applyFeedbackEvent, initialFeedbackState(first));
}

/** The deadline that applies now: none while waiting for the submitter or once finished. */
export function currentDue(state: FeedbackState): { kind: DueKind; at: number } | null {
  switch (state.status) {
    case 'received':
    case 'logged':
      return state.classifyBy === null ? null : { kind: 'classify', at: state.classifyBy };
    case 'handling':
      return state.handleBy === null ? null : { kind: 'handle', at: state.handleBy };
    case 'handled':
      return state.answerBy === null ? null : { kind: 'answer', at: state.answerBy };
    case 'answered':
      return state.publishBy === null ? null : { kind: 'publish', at: state.publishBy };
    case 'clarification_requested':
    case 'published':
    case 'not_accepted':
    case 'forwarded':
      return null;
  }
}
