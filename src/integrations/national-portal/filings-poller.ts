import { type Poller, startPoller } from '../poller.js';
import { type FilingDeps, type FilingsRound, receivePortalFilings } from './receive-filings.js';

/** Filings carry their files: a few at a time keeps a round's memory bounded. */
const BATCH = 2;

/**
 * Asks the national portal for new filings every `intervalMs` (ADR 0010: we poll, the portal does not push); a full
 * batch is followed by the next round at once. Nothing is acknowledged that was not received.
 */
export function startFilingsPoller(
  deps: FilingDeps,
  options: { intervalMs: number; log(message: string, details?: Record<string, unknown>): void },
): Poller<FilingsRound> {
  const taken = (round: FilingsRound) => round.received.length + round.refused.length;
  return startPoller(() => receivePortalFilings(deps, BATCH), {
    ...options,
    name: 'national portal filings',
    again: (round) => !round.failure && taken(round) + round.unanswered >= BATCH,
    report(round) {
      if (round.failure) options.log('national portal: filings not taken', { answer: round.failure.kind });
      if (taken(round) > 0)
        options.log('national portal: filings taken', {
          received: round.received.length,
          refused: round.refused.length,
        });
    },
  });
}
