import type { Actor } from '../auth/roles.js';
import { AppError } from '../shared/errors.js';
import type { Step } from '../workflow/model.js';
import { type DecideContext, decide } from './decide.js';
import { type ActionInput, actionSchema } from './model.js';
import { canAct, type DossierAccess } from './policy.js';

/** An action the actor may take now, with the choices it offers (target steps). */
export interface AvailableAction {
  action: ActionInput['action'];
  toSteps?: { key: string; name: string }[];
}

/** Refusals that mean "not now" rather than "not with these values". */
const NOT_NOW = new Set([
  'DOSSIER_CLOSED',
  'ACTION_NOT_ALLOWED',
  'APPOINTMENT_ALREADY_RESET',
  'APOLOGY_TOO_LATE',
]);

const PROBE_REASON = 'probe';

/** A representative command for each action, so the transition function itself says whether it applies. */
function probe(
  action: ActionInput['action'],
  version: number,
  steps: Step[],
  stepKey: string | null,
): ActionInput {
  const index = steps.findIndex((s) => s.key === stepKey);
  const earlier = steps.slice(0, Math.max(index, 0)).find((s) => s.kind !== 'reception');
  switch (action) {
    case 'request_supplement':
      return { action, version, items: [PROBE_REASON], reason: PROBE_REASON };
    case 'submit_supplement':
      return { action, version, documents: [{ name: PROBE_REASON, form: 'copy', copies: 1 }] };
    case 'assign':
      return { action, version, assignee: PROBE_REASON };
    case 'send_back':
      return { action, version, toStep: earlier?.key ?? '', reason: PROBE_REASON };
    case 'consult':
      return { action, version, agencies: [PROBE_REASON], question: PROBE_REASON, workingDays: 1 };
    case 'answer_consultation':
      return { action, version, answer: PROBE_REASON };
    case 'transfer':
      return { action, version, toAgency: PROBE_REASON };
    case 'return_result':
      return { action, version, method: 'counter' };
    case 'apologise':
      return { action, version, reason: PROBE_REASON, newDueDate: '2999-12-31' };
    case 'reject':
    case 'refuse':
    case 'withdraw':
      return { action, version, reason: PROBE_REASON };
    default:
      return { action, version } as ActionInput;
  }
}

/** Every action of the API, in the order the action schema lists them. */
export const ACTIONS: ActionInput['action'][] = actionSchema.options.map(
  (option) => option.shape.action.value,
);

/**
 * The actions an actor may take on a dossier now: those the policy grants and that the transition function
 * accepts in the dossier's state (a dry run of decide with representative values).
 */
export function availableActions(
  actor: Actor,
  access: DossierAccess,
  context: DecideContext,
  consultedAgencyOpen: boolean,
): AvailableAction[] {
  const { state, steps } = context;
  const step = steps.find((s) => s.key === state.stepKey);
  const result: AvailableAction[] = [];
  for (const action of ACTIONS) {
    if (!canAct(actor, access, action, step, { consultedAgencyOpen })) continue;
    const input = probe(action, state.version, steps, state.stepKey);
    const probeContext: DecideContext = {
      ...context,
      assigneeId: -1,
      transfer: { toAgency: PROBE_REASON, processId: -1, steps },
      // Any later working day is acceptable to the probe; the real date is checked when the head submits.
      timing: { ...context.timing, closeOfDay: () => Number.MAX_SAFE_INTEGER },
    };
    try {
      decide(probeContext, input);
    } catch (error) {
      if (error instanceof AppError && NOT_NOW.has(error.code)) continue;
      if (!(error instanceof AppError)) throw error;
    }
    const entry: AvailableAction = { action };
    if (action === 'forward' && step) {
      entry.toSteps = step.next
        .map((key) => steps.find((s) => s.key === key))
        .filter((s): s is Step => s !== undefined && s.kind !== 'return')
        .map((s) => ({ key: s.key, name: s.name }));
      if (entry.toSteps.length === 0) continue;
    }
    if (action === 'send_back') {
      const index = steps.findIndex((s) => s.key === state.stepKey);
      entry.toSteps = steps
        .slice(0, Math.max(index, 0))
        .filter((s) => s.kind !== 'reception')
        .map((s) => ({ key: s.key, name: s.name }));
      if (entry.toSteps.length === 0) continue;
    }
    result.push(entry);
  }
  return result;
}
