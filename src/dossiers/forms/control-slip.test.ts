import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../events.js';
import { controlSlipRows } from './control-slip.js';

function event(
  seq: number,
  action: string,
  fromStep: string | null,
  toStep: string | null,
  at: number,
  payload = {},
): DossierEvent {
  return {
    seq,
    action,
    at,
    actorId: seq,
    actorRole: null,
    actorAgency: null,
    agencyCode: 'A',
    fromStep,
    toStep,
    fromStatus: null,
    toStatus: 'processing',
    note: null,
    payload,
  } as unknown as DossierEvent;
}

const classify = (finishedAt: number, dueAt: number) =>
  (finishedAt <= dueAt ? 'on_time' : 'late') as 'on_time' | 'late';

describe('process-control slip rows from the event log', () => {
  it('makes one row per step entered, closed by the event that hands the dossier on', () => {
    const rows = controlSlipRows(
      [
        event(1, 'receive', null, 'receive', 100, { stepDueAt: 150 }),
        event(2, 'forward', 'receive', 'appraise', 140, { stepDueAt: 300 }),
        event(3, 'consult', 'appraise', 'appraise', 200),
        event(4, 'transfer', 'appraise', 'appraise', 350, { stepDueAt: 500, toAgency: 'B' }),
        event(5, 'issue_result', 'appraise', 'return', 450, { stepDueAt: null }),
        event(6, 'return_result', 'return', null, 600),
      ],
      classify,
    );
    expect(rows.map((r) => [r.stepKey, r.agencyCode, r.handedBy, r.passedBy, r.result])).toEqual([
      ['receive', 'A', 1, 2, 'on_time'],
      ['appraise', 'A', 2, 4, 'late'],
      ['appraise', 'B', 4, 5, 'on_time'],
      ['return', 'A', 5, 6, null],
    ]);
  });

  it('leaves the current step open', () => {
    const rows = controlSlipRows([event(1, 'receive', null, 'receive', 100, { stepDueAt: 150 })], classify);
    expect(rows).toEqual([expect.objectContaining({ stepKey: 'receive', passedAt: null, result: null })]);
  });
});
