import type { FeedbackActionName, FeedbackStatus } from './model.js';

/**
 * Which action applies in which status, and who takes it: the life cycle of RULES.md §7 as one table, read
 * by the decision (409 otherwise) and by the page that offers actions. `desk`: the controllers who receive,
 * classify and publish; `handler`: the competent agency's officers (or a controller on their behalf);
 * `submitter`: whoever holds the item's key or owns it.
 */
export type FeedbackActorKind = 'desk' | 'handler' | 'submitter';

export const FEEDBACK_ACTION_RULES: Record<
  FeedbackActionName,
  { from: readonly FeedbackStatus[]; to: FeedbackStatus | 'by_outcome' | 'same'; by: FeedbackActorKind }
> = {
  log: { from: ['received'], to: 'logged', by: 'desk' },
  request_clarification: { from: ['received', 'logged'], to: 'clarification_requested', by: 'desk' },
  clarify: { from: ['clarification_requested'], to: 'logged', by: 'submitter' },
  classify: { from: ['received', 'logged'], to: 'by_outcome', by: 'desk' },
  progress: { from: ['handling'], to: 'same', by: 'handler' },
  handle: { from: ['handling'], to: 'handled', by: 'handler' },
  answer: { from: ['handled'], to: 'answered', by: 'handler' },
  publish: { from: ['answered'], to: 'published', by: 'desk' },
  rate_answer: { from: ['answered', 'published'], to: 'same', by: 'submitter' },
};

export function actionApplies(action: FeedbackActionName, status: FeedbackStatus): boolean {
  return FEEDBACK_ACTION_RULES[action].from.includes(status);
}

/** The actions of one kind of actor that apply in a status, in life-cycle order. */
export function actionsFor(kind: FeedbackActorKind, status: FeedbackStatus): FeedbackActionName[] {
  return (Object.keys(FEEDBACK_ACTION_RULES) as FeedbackActionName[]).filter(
    (action) => FEEDBACK_ACTION_RULES[action].by === kind && actionApplies(action, status),
  );
}
