import { describe, expect, it } from 'vitest';
import { anotherRoundAtOnce } from './filings-poller.js';
import type { FilingsRound } from './receive-filings.js';

const round = (changes: Partial<FilingsRound>): FilingsRound => ({
  received: [],
  refused: [],
  unanswered: 0,
  failure: null,
  ...changes,
});

describe('when the next round of filings follows at once', () => {
  it('follows a round that took a full batch, received or refused', () => {
    expect(anotherRoundAtOnce(round({ received: ['A', 'B'] }))).toBe(true);
    expect(anotherRoundAtOnce(round({ received: ['A'], refused: [{ portalId: 'P', reason: 'x' }] }))).toBe(
      true,
    );
  });

  it('waits after a round whose filings stayed unanswered: they come first again, the portal is not asked without pause', () => {
    expect(anotherRoundAtOnce(round({ unanswered: 2 }))).toBe(false);
    expect(anotherRoundAtOnce(round({ received: ['A'], unanswered: 1 }))).toBe(false);
  });

  it('waits after a round that failed or took less than a batch', () => {
    expect(anotherRoundAtOnce(round({ received: ['A'] }))).toBe(false);
    expect(
      anotherRoundAtOnce(
        round({ received: ['A', 'B'], failure: { kind: 'unavailable', status: 503, detail: 'down' } }),
      ),
    ).toBe(false);
  });
});
