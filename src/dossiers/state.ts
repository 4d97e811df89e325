import type { Channel, DossierStatus } from './model.js';

/** One row of the append-only log. Instants are epoch milliseconds; due instants are computed when the event is decided. */
export interface DossierEvent {
  seq: number;
  action: string;
  at: number;
  actorId: number | null;
  actorRole: string | null;
  actorAgency: string | null;
  agencyCode: string;
  fromStep: string | null;
  toStep: string | null;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  note: string | null;
  payload: Record<string, unknown>;
}

/** The projection's moving parts: everything here is a fold over the events. */
export interface DossierState {
  channel: Channel;
  status: DossierStatus;
  receivingAgency: string;
  handlingAgency: string;
  processId: number;
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
  version: number;
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function withAgencies(seen: string[], more: unknown): string[] {
  const list = Array.isArray(more) ? more.filter((a): a is string => typeof a === 'string') : [];
  return [...new Set([...seen, ...list])];
}

/** The first event creates the state: an online submission, or a counter/postal reception that accepts at once. */
export function initialState(event: DossierEvent): DossierState {
  const p = event.payload;
  const accepted = event.action === 'receive';
  return {
    channel: p.channel as Channel,
    status: event.toStatus,
    receivingAgency: String(p.receivingAgency),
    handlingAgency: String(p.handlingAgency),
    processId: Number(p.processId),
    stepKey: event.toStep,
    stepDueAt: num(p.stepDueAt),
    assigneeId: null,
    submittedAt: event.at,
    acceptedAt: accepted ? event.at : null,
    dueAt: accepted ? num(p.dueAt) : null,
    originalDueAt: accepted ? num(p.dueAt) : null,
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
    version: 1,
  };
}

/** Applies one event to the state. Pure: the projection and `verify dossiers` both use it. */
export function applyEvent(state: DossierState, event: DossierEvent): DossierState {
  const p = event.payload;
  const next: DossierState = { ...state, status: event.toStatus, version: state.version + 1 };
  if (event.toStep !== event.fromStep || 'stepDueAt' in p) {
    next.stepKey = event.toStep;
    next.stepDueAt = num(p.stepDueAt);
  }
  if (typeof p.timeliness === 'string' && state.timeliness === null) {
    next.timeliness = p.timeliness as DossierState['timeliness'];
  }
  switch (event.action) {
    case 'accept':
      next.acceptedAt = event.at;
      next.dueAt = num(p.dueAt);
      next.originalDueAt = num(p.dueAt);
      break;
    case 'request_supplement':
      next.pausedSince = event.at;
      next.supplementPhase = p.phase === 'processing' ? 'processing' : 'reception';
      if (p.phase === 'processing') next.supplementCount = state.supplementCount + 1;
      break;
    case 'submit_supplement':
      if (state.supplementPhase === 'processing' && state.pausedSince !== null) {
        next.pausedMs = state.pausedMs + (event.at - state.pausedSince);
      }
      next.pausedSince = null;
      next.supplementPhase = null;
      if (num(p.dueAt) !== null) next.dueAt = num(p.dueAt);
      break;
    case 'assign':
      next.assigneeId = num(p.assigneeId);
      break;
    case 'forward':
    case 'send_back':
    case 'approve':
      next.assigneeId = num(p.assigneeId);
      if (event.action === 'approve') next.outcome = 'approved';
      break;
    case 'consult':
      next.agenciesSeen = withAgencies(state.agenciesSeen, p.agencies);
      break;
    case 'transfer':
      next.handlingAgency = String(p.toAgency);
      next.processId = Number(p.processId);
      next.assigneeId = null;
      next.agenciesSeen = withAgencies(state.agenciesSeen, [p.toAgency]);
      break;
    case 'sign':
      next.signed = true;
      break;
    case 'issue_result':
    case 'refuse':
      next.finishedAt = state.finishedAt ?? event.at;
      next.assigneeId = null;
      if (event.action === 'refuse') next.outcome = 'refused';
      break;
    case 'reject':
      next.finishedAt = event.at;
      next.outcome = 'rejected';
      break;
    case 'withdraw':
      next.finishedAt = event.at;
      next.outcome = 'withdrawn';
      next.pausedSince = null;
      break;
    case 'return_result':
      next.returnedAt = event.at;
      next.returnMethod = typeof p.method === 'string' ? p.method : null;
      break;
    case 'apologise':
      next.apologyCount = state.apologyCount + 1;
      next.dueAt = num(p.newDueAt);
      break;
  }
  return next;
}

export function foldEvents(events: DossierEvent[]): DossierState {
  const [first, ...rest] = events;
  if (!first) throw new Error('a dossier has at least one event');
  return rest.reduce(applyEvent, initialState(first));
}
