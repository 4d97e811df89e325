import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../auth/roles.js';
import { isoFromDay, localDay } from '../calendar/dates.js';
import { addWorkingTime } from '../calendar/deadline.js';
import { shippedClock } from '../calendar/test-clock.js';
import { genericProcess, realProcesses } from '../demo/processes.js';
import { AppError } from '../shared/errors.js';
import { RECEIVING_CENTRE, type Step } from '../workflow/model.js';
import { availableActions } from './available-actions.js';
import { type DecideContext, decide, type Prepared } from './decide.js';
import type { DossierEvent, FirstEvent } from './events.js';
import { ACTION_NAMES, type ActionInput, type ActionName } from './model.js';
import { canAct, type DossierAccess } from './policy.js';
import { applyEvent, type DossierState, initialState } from './state.js';
import { timingFor } from './timing.js';

/**
 * What the dossier page offers is exactly what the server accepts. Random dossiers walk random processes
 * (the three real internal processes, the generic one and one with an assignment step and a branch); at every
 * state, for every actor who might act and every action the policy lets them try, an offered action must be
 * accepted by the transition function, and an action it refuses (409) must not have been offered.
 */
const RECEIVING = 'R.CENTRE';
const HANDLING = 'H.AGENCY';
const CONSULTED = 'C.AGENCY';
const OWNER = 1;
const ASSIGNEE = 42;
const UPLOAD = '00000000-0000-4000-8000-000000000000';
const FILE = { sha256: 'a'.repeat(64), name: 'ket-qua.pdf', bytes: 1000, mime: 'application/pdf', pages: 1 };
const SIGNED = {
  file: FILE,
  verificationCode: 'ABCDEFGH2345',
  signer: 'CN=Cơ quan',
  serialNumber: '01',
  timestamped: false,
};
/** What the use case prepares for the actions that carry files (prepare-action.ts), as representative values. */
const PREPARED: Prepared = {
  digitised: {
    documents: [
      { name: 'Giấy tờ', status: 'exempt', exemption: 'shown_only', reason: 'Chỉ xuất trình', pages: [] },
    ],
    seal: SIGNED,
  },
  result: { file: FILE, kind: 'electronic', title: 'Quyết định', validUntil: null },
  signed: { ...SIGNED, kind: 'electronic', title: 'Quyết định', validUntil: null },
};

const branching: Step[] = [
  {
    key: 'receive',
    name: 'Tiếp nhận',
    kind: 'reception',
    role: 'receiver',
    unit: RECEIVING_CENTRE,
    budget: { value: 0.5, unit: 'working_days' },
    next: ['assign'],
  },
  {
    key: 'assign',
    name: 'Phân công',
    kind: 'assignment',
    role: 'unit_head',
    unit: 'P1',
    budget: { value: 0.5, unit: 'working_days' },
    next: ['appraise'],
  },
  {
    key: 'appraise',
    name: 'Thẩm định',
    kind: 'appraisal',
    role: 'processor',
    unit: 'P1',
    budget: { value: 3, unit: 'working_days' },
    next: ['review', 'approve'],
  },
  {
    key: 'review',
    name: 'Xem xét',
    kind: 'review',
    role: 'unit_head',
    unit: 'P1',
    budget: { value: 1, unit: 'working_days' },
    next: ['approve'],
  },
  {
    key: 'approve',
    name: 'Phê duyệt',
    kind: 'approval',
    role: 'agency_head',
    unit: null,
    budget: { value: 1, unit: 'working_days' },
    next: ['issue'],
  },
  {
    key: 'issue',
    name: 'Ban hành',
    kind: 'issuing',
    role: 'clerk',
    unit: null,
    budget: { value: 0.5, unit: 'working_days' },
    next: ['return'],
  },
  {
    key: 'return',
    name: 'Trả kết quả',
    kind: 'return',
    role: 'receiver',
    unit: RECEIVING_CENTRE,
    budget: null,
    next: [],
  },
];

const PROCESSES: { steps: Step[]; hoursPerDay: number | null }[] = [
  { steps: branching, hoursPerDay: null },
  { steps: genericProcess(7).steps, hoursPerDay: null },
  ...realProcesses().map((p) => ({ steps: p.process.steps, hoursPerDay: p.process.hoursPerDay })),
];

function actor(id: number, role: Role, agencyCode: string | null, unitCode: string | null = null): Actor {
  return {
    id,
    username: `${role}${id}`,
    fullName: role,
    role,
    agencyCode,
    unitId: null,
    unitCode,
    provinceWide: false,
  };
}

/** Everyone who could try to act: front desk, each back-office role of each unit, the owner, a consulted officer. */
function candidates(steps: Step[]): Actor[] {
  const units = [
    ...new Set(steps.map((s) => s.unit).filter((u): u is string => u !== null && u !== RECEIVING_CENTRE)),
  ];
  const back: Role[] = ['processor', 'unit_head', 'agency_head', 'clerk'];
  return [
    actor(2, 'receiver', RECEIVING),
    actor(3, 'postal', RECEIVING),
    actor(OWNER, 'citizen', null),
    actor(ASSIGNEE, 'processor', HANDLING, units[0] ?? null),
    ...back.flatMap((role, i) =>
      [null, ...units].map((unit, j) => actor(100 + 10 * i + j, role, HANDLING, unit)),
    ),
    actor(200, 'processor', CONSULTED),
  ];
}

function inputFor(
  action: ActionName,
  state: DossierState,
  offered: { toSteps?: { key: string }[] } | undefined,
) {
  const version = state.version;
  const reason = 'Lý do kiểm thử';
  switch (action) {
    case 'request_supplement':
      return { action, version, items: ['Bản sao giấy tờ'], reason };
    case 'submit_supplement':
      return { action, version, documents: [{ name: 'Giấy tờ bổ sung', form: 'copy', copies: 1 }] };
    case 'assign':
      return { action, version, assignee: 'processor42' };
    case 'forward':
      return { action, version, ...(offered?.toSteps?.[0] ? { toStep: offered.toSteps[0].key } : {}) };
    case 'send_back':
      return { action, version, toStep: offered?.toSteps?.[0]?.key ?? 'appraise', reason };
    case 'consult':
      return { action, version, agencies: [CONSULTED], question: 'Xin ý kiến', workingDays: 2 };
    case 'answer_consultation':
      return { action, version, answer: 'Đồng ý' };
    case 'transfer':
      return { action, version, toAgency: 'T.AGENCY' };
    case 'return_result':
      return { action, version, method: 'counter' };
    case 'digitise':
      return {
        action,
        version,
        documents: [{ name: 'Giấy tờ', uploads: [], exemption: 'shown_only', reason: 'Chỉ xuất trình' }],
      };
    case 'attach_result':
      return { action, version, uploads: [UPLOAD], kind: 'electronic', title: 'Quyết định' };
    case 'apologise': {
      const after = state.dueAt === null ? localDay(Date.now()) : localDay(state.dueAt);
      return { action, version, reason, newDueDate: isoFromDay(shippedClock.calendar.nextWorkingDay(after)) };
    }
    case 'reject':
    case 'refuse':
    case 'withdraw':
    case 'stop_processing':
      return { action, version, reason };
    case 'request_payment':
      return { action, version, amount: 50_000, reason };
    case 'confirm_payment':
      return { action, version, reference: 'BL-0001' };
    default:
      return { action, version };
  }
}

describe('offered actions = accepted actions', () => {
  it('holds at every state of random walks through the processes', () => {
    let offeredChecked = 0;
    let refusedChecked = 0;
    fc.assert(
      fc.property(
        fc.nat(PROCESSES.length - 1),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 * 8 * 60 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (processIndex, online, moves) => {
          const { steps, hoursPerDay } = PROCESSES[processIndex] as (typeof PROCESSES)[number];
          const timing = timingFor(shippedClock, { value: 10, unit: 'working_days' }, steps, hoursPerDay);
          let now = Date.parse('2026-11-23T08:00:00+07:00');
          const reception = steps[0] as Step;
          const first: FirstEvent = {
            seq: 1,
            action: online ? 'submit' : 'receive',
            at: now,
            actorId: online ? OWNER : 2,
            actorRole: online ? 'citizen' : 'receiver',
            actorAgency: online ? null : RECEIVING,
            agencyCode: HANDLING,
            fromStep: null,
            toStep: reception.key,
            fromStatus: null,
            toStatus: online ? 'submitted' : 'accepted',
            note: null,
            payload: {
              channel: online ? 'online' : 'counter',
              receivingAgency: RECEIVING,
              handlingAgency: HANDLING,
              processId: 1,
              procedureVersionId: 1,
              stepDueAt: timing.stepDue(reception, now),
              documents: [],
              dueAt: timing.appointment(now),
            },
          } as FirstEvent;
          let state = initialState(first);
          const openConsultations = new Set<string>();
          const people = candidates(steps);
          for (const [actorPick, actionPick, minutes] of moves) {
            now = addWorkingTime(shippedClock, now, minutes * 60_000);
            const access: DossierAccess = {
              receivingAgency: state.receivingAgency,
              handlingAgency: state.handlingAgency,
              agenciesSeen: state.agenciesSeen,
              ownerId: online ? OWNER : null,
              assigneeId: state.assigneeId,
            };
            const step = steps.find((s) => s.key === state.stepKey);
            const choices: { who: Actor; input: ActionInput; context: DecideContext }[] = [];
            for (const who of people) {
              const consultedAgencyOpen = who.agencyCode !== null && openConsultations.has(who.agencyCode);
              const context: DecideContext = {
                state,
                steps,
                now,
                actor: who,
                timing,
                openConsultations: openConsultations.size,
                assigneeId: ASSIGNEE,
                transfer: { toAgency: 'T.AGENCY', processId: 2, steps },
                prepared: PREPARED,
              };
              const offered = availableActions(who, access, context, consultedAgencyOpen);
              for (const action of ACTION_NAMES) {
                if (!canAct(who, access, action, step, { consultedAgencyOpen })) continue;
                const entry = offered.find((o) => o.action === action);
                const input = inputFor(action, state, entry) as ActionInput;
                if (entry) {
                  expect(() => decide(context, input), `${who.username} offered ${action}`).not.toThrow();
                  choices.push({ who, input, context });
                  offeredChecked++;
                } else {
                  let refusal: unknown = null;
                  try {
                    decide(context, input);
                  } catch (error) {
                    refusal = error;
                  }
                  expect(
                    refusal,
                    `${who.username} not offered ${action} at ${state.status}/${state.stepKey}`,
                  ).toBeInstanceOf(AppError);
                  expect((refusal as AppError).status).toBe(409);
                  refusedChecked++;
                }
              }
            }
            if (choices.length === 0) break;
            const chosen = choices[(actorPick + actionPick) % choices.length] as (typeof choices)[number];
            const decision = decide(chosen.context, chosen.input);
            const event = { ...decision, seq: state.version + 1 } as DossierEvent;
            if (event.action === 'consult') for (const a of event.payload.agencies) openConsultations.add(a);
            if (event.action === 'answer_consultation') openConsultations.delete(event.payload.agency);
            state = applyEvent(state, event);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(offeredChecked).toBeGreaterThan(1_000);
    expect(refusedChecked).toBeGreaterThan(1_000);
  });
});
