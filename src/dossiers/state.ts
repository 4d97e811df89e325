import type { DossierEvent, FirstEvent } from './events.js';
import type { Channel, DossierStatus } from './model.js';

/** The projection's moving parts: everything here is a fold over the events. */
export interface DossierState {
  channel: Channel;
  status: DossierStatus;
  receivingAgency: string;
  handlingAgency: string;
  processId: number;
  procedureVersionId: number;
  stepKey: string | null;
  stepDueAt: number | null;
  assigneeId: number | null;
  submittedAt: number;
  acceptedAt: number | null;
  dueAt: number | null;
  originalDueAt: number | null;
  apologyCount: number;
  pausedSince: number | null;
  pausedMs: number;
  supplementPhase: 'reception' | 'processing' | null;
  supplementCount: number;
  signed: boolean;
  finishedAt: number | null;
  outcome: 'approved' | 'refused' | 'rejected' | 'withdrawn' | null;
  returnedAt: number | null;
  returnMethod: string | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
  agenciesSeen: string[];
  /** The applicant's account: the citizen who filed online, or who claimed the dossier later (link_account). */
  ownerId: number | null;
  version: number;
}

function withAgencies(seen: string[], more: string[]): string[] {
  return [...new Set([...seen, ...more])];
}

/** The first event creates the state: an online submission, or a counter/postal reception that accepts at once. */
export function initialState(event: FirstEvent): DossierState {
  const p = event.payload;
  const dueAt = event.action === 'receive' ? event.payload.dueAt : null;
  return {
    channel: p.channel,
    status: event.toStatus,
    receivingAgency: p.receivingAgency,
    handlingAgency: p.handlingAgency,
    processId: p.processId,
    procedureVersionId: p.procedureVersionId,
    stepKey: event.toStep,
    stepDueAt: p.stepDueAt,
    assigneeId: null,
    submittedAt: event.at,
    acceptedAt: event.action === 'receive' ? event.at : null,
    dueAt,
    originalDueAt: dueAt,
    apologyCount: 0,
    pausedSince: null,
    pausedMs: 0,
    supplementPhase: null,
    supplementCount: 0,
    signed: false,
    finishedAt: null,
    outcome: null,
    returnedAt: null,
    returnMethod: null,
    timeliness: null,
    agenciesSeen: withAgencies([], [p.receivingAgency, p.handlingAgency]),
    ownerId: event.actorRole === 'citizen' ? event.actorId : null,
    version: 1,
  };
}

/**
 * Applies one event to the state. Pure: the writer's projection and `verify dossiers` both use it. Events
 * that carry a step due instant move the dossier to their `toStep`; the others leave the step alone.
 */
export function applyEvent(state: DossierState, event: DossierEvent): DossierState {
  const next: DossierState = { ...state, status: event.toStatus, version: state.version + 1 };
  const enter = (stepDueAt: number | null) => {
    next.stepKey = event.toStep;
    next.stepDueAt = stepDueAt;
  };
  const finish = (timeliness: DossierState['timeliness']) => {
    next.finishedAt = state.finishedAt ?? event.at;
    next.timeliness = state.timeliness ?? timeliness;
  };
  switch (event.action) {
    case 'submit':
    case 'receive':
      throw new Error(`${event.action} opens a dossier; it cannot follow another event`);
    case 'accept':
      enter(event.payload.stepDueAt);
      next.acceptedAt = event.at;
      next.dueAt = event.payload.dueAt;
      next.originalDueAt = event.payload.dueAt;
      break;
    case 'request_supplement':
      enter(event.payload.stepDueAt);
      next.pausedSince = event.at;
      next.supplementPhase = event.payload.phase;
      if (event.payload.phase === 'processing') next.supplementCount = state.supplementCount + 1;
      break;
    case 'submit_supplement':
      enter(event.payload.stepDueAt);
      if (state.supplementPhase === 'processing' && state.pausedSince !== null) {
        next.pausedMs = state.pausedMs + (event.at - state.pausedSince);
      }
      next.pausedSince = null;
      next.supplementPhase = null;
      if (event.payload.dueAt !== undefined) next.dueAt = event.payload.dueAt;
      break;
    case 'request_withdrawal':
      enter(event.payload.stepDueAt);
      break;
    case 'request_payment':
      enter(event.payload.stepDueAt);
      next.pausedSince = event.at;
      break;
    case 'confirm_payment':
      enter(event.payload.stepDueAt);
      next.pausedSince = null;
      next.dueAt = event.payload.dueAt;
      next.originalDueAt = event.payload.originalDueAt;
      break;
    case 'reject':
      enter(event.payload.stepDueAt);
      next.finishedAt = event.at;
      next.outcome = 'rejected';
      break;
    case 'assign':
      next.assigneeId = event.payload.assigneeId;
      break;
    case 'forward':
    case 'send_back':
      enter(event.payload.stepDueAt);
      next.assigneeId = event.payload.assigneeId;
      break;
    case 'approve':
      enter(event.payload.stepDueAt);
      next.assigneeId = event.payload.assigneeId;
      next.outcome = 'approved';
      break;
    case 'consult':
      next.agenciesSeen = withAgencies(state.agenciesSeen, event.payload.agencies);
      break;
    case 'answer_consultation':
    case 'digitise':
    case 'attach_result':
      break;
    case 'transfer':
      enter(event.payload.stepDueAt);
      next.handlingAgency = event.payload.toAgency;
      next.processId = event.payload.processId;
      next.assigneeId = null;
      next.agenciesSeen = withAgencies(state.agenciesSeen, [event.payload.toAgency]);
      break;
    case 'sign':
      next.signed = true;
      break;
    case 'issue_result':
      enter(event.payload.stepDueAt);
      finish(event.payload.timeliness);
      next.assigneeId = null;
      break;
    case 'refuse':
      enter(event.payload.stepDueAt);
      finish(event.payload.timeliness);
      next.assigneeId = null;
      next.outcome = 'refused';
      break;
    case 'withdraw':
      enter(event.payload.stepDueAt);
      next.finishedAt = event.at;
      next.timeliness = state.timeliness ?? event.payload.timeliness;
      next.outcome = 'withdrawn';
      next.pausedSince = null;
      break;
    case 'return_result':
      enter(event.payload.stepDueAt);
      next.returnedAt = event.at;
      next.returnMethod = event.payload.method;
      break;
    case 'apologise':
      next.apologyCount = state.apologyCount + 1;
      next.dueAt = event.payload.newDueAt;
      break;
    case 'link_account':
      next.ownerId = event.payload.ownerId;
      break;
  }
  return next;
}

export function foldEvents(events: DossierEvent[]): DossierState {
  const [first, ...rest] = events;
  if (!first) throw new Error('a dossier has at least one event');
  if (first.action !== 'submit' && first.action !== 'receive')
    throw new Error(`a dossier opens with submit or receive, not ${first.action}`);
  return rest.reduce(applyEvent, initialState(first));
}
