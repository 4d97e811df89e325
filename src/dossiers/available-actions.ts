import type { Actor } from '../auth/roles.js';
import { forwardTargets, refusalOf, sendBackTargets } from './action-rules.js';
import type { DecideContext } from './decide.js';
import { ACTION_NAMES, type ActionName } from './model.js';
import { canAct, type DossierAccess } from './policy.js';

/** An action the actor may take now, with the choices it offers (target steps). */
export interface AvailableAction {
  action: ActionName;
  toSteps?: { key: string; name: string }[];
}

/**
 * The actions an actor may take on a dossier now: those the policy grants and the action table admits in
 * the dossier's state — the same two checks the server makes when the action is submitted.
 */
export function availableActions(
  actor: Actor,
  access: DossierAccess,
  context: DecideContext,
  consultedAgencyOpen: boolean,
): AvailableAction[] {
  const { state, steps } = context;
  const step = steps.find((s) => s.key === state.stepKey);
  const choices = (list: { key: string; name: string }[]) => list.map(({ key, name }) => ({ key, name }));
  return ACTION_NAMES.filter(
    (action) => canAct(actor, access, action, step, { consultedAgencyOpen }) && !refusalOf(context, action),
  ).map((action) => {
    if (action === 'forward') return { action, toSteps: choices(forwardTargets(steps, step)) };
    if (action === 'send_back') return { action, toSteps: choices(sendBackTargets(steps, state.stepKey)) };
    return { action };
  });
}
