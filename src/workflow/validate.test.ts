import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPILED_HOURS } from '../calendar/office-hours.js';
import type { ProcessInput, Step } from './model.js';
import { validateProcess } from './validate.js';

const clock = { hours: DEFAULT_COMPILED_HOURS };
const DAY = DEFAULT_COMPILED_HOURS.dayMs;

function step(key: string, kind: Step['kind'], days: number | null, next: string[]): Step {
  return {
    key,
    name: key,
    kind,
    role: kind === 'reception' || kind === 'return' ? 'receiver' : 'processor',
    unit: null,
    budget: days === null ? null : { value: days, unit: 'working_days' },
    next,
  };
}

const valid: ProcessInput = {
  agencyCode: null,
  hoursPerDay: null,
  steps: [
    step('receive', 'reception', 0.5, ['appraise']),
    step('appraise', 'appraisal', 3, ['approve']),
    step('approve', 'approval', 1, ['issue']),
    step('issue', 'issuing', 0.5, ['return']),
    step('return', 'return', null, []),
  ],
};

describe('process validation', () => {
  it('accepts a process whose budgets fit the time limit', () => {
    expect(validateProcess(valid, 5 * DAY, clock)).toEqual([]);
  });
  it('refuses budgets above the time limit', () => {
    const issues = validateProcess(valid, 4 * DAY, clock);
    expect(issues[0]?.message).toContain('vượt thời hạn giải quyết');
  });
  it('converts hour budgets with the process hours per day (Nghệ An: 168 h = 21 days)', () => {
    const hours: ProcessInput = {
      ...valid,
      hoursPerDay: 8,
      steps: valid.steps.map((s) =>
        s.budget ? { ...s, budget: { value: (s.budget.value * 168) / 5, unit: 'working_hours' } } : s,
      ),
    };
    expect(validateProcess(hours, 21 * DAY, clock)).toEqual([]);
    expect(validateProcess(hours, 20 * DAY, clock)).toHaveLength(1);
  });
  it('refuses unreachable steps, dead ends and unknown next steps', () => {
    const broken: ProcessInput = {
      ...valid,
      steps: [
        step('receive', 'reception', 0.5, ['appraise']),
        step('appraise', 'appraisal', 1, []),
        step('orphan', 'review', 1, ['return']),
        step('return', 'return', null, ['nowhere']),
      ],
    };
    expect(validateProcess(broken, null, clock).map((i) => i.field)).toEqual(['steps.3.next']);
    const fixedNext = {
      ...broken,
      steps: broken.steps.map((s) => (s.key === 'return' ? { ...s, next: [] } : s)),
    };
    const messages = validateProcess(fixedNext, null, clock).map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Bước "orphan" không thể đến được',
        'Từ bước "appraise" không đi tới được bước trả kết quả',
      ]),
    );
  });
  it('refuses duplicate keys, a first step other than reception, and an uncounted working step', () => {
    const bad: ProcessInput = {
      ...valid,
      steps: [step('appraise', 'appraisal', null, ['appraise']), step('appraise', 'return', null, [])],
    };
    const fields = validateProcess(bad, null, clock).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['steps.1.key', 'steps.0.kind']));
  });
});
