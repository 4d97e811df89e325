import { describe, expect, it } from 'vitest';
import { actionApplies, actionsFor, FEEDBACK_ACTION_RULES } from './action-rules.js';
import { FEEDBACK_STATUSES, type FeedbackStatus } from './model.js';

describe('the feedback life-cycle table, every action × every status', () => {
  const expected: Record<FeedbackStatus, string[]> = {
    received: ['log', 'request_clarification', 'classify'],
    logged: ['request_clarification', 'classify'],
    clarification_requested: ['clarify'],
    handling: ['progress', 'handle'],
    handled: ['answer'],
    answered: ['publish', 'rate_answer'],
    published: ['rate_answer'],
    not_accepted: [],
    forwarded: [],
  };
  it.each(FEEDBACK_STATUSES)('%s', (status) => {
    const applicable = Object.keys(FEEDBACK_ACTION_RULES).filter((a) =>
      actionApplies(a as keyof typeof FEEDBACK_ACTION_RULES, status),
    );
    expect(applicable).toEqual(expected[status]);
  });

  it('splits the actions between the desk, the handlers and the submitter', () => {
    expect(actionsFor('desk', 'received')).toEqual(['log', 'request_clarification', 'classify']);
    expect(actionsFor('handler', 'handling')).toEqual(['progress', 'handle']);
    expect(actionsFor('handler', 'handled')).toEqual(['answer']);
    expect(actionsFor('submitter', 'answered')).toEqual(['rate_answer']);
    expect(actionsFor('desk', 'published')).toEqual([]);
  });
});
