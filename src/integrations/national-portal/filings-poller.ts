import { type Poller, startPoller } from '../poller.js';
import { type FilingDeps, type FilingsRound, receivePortalFilings } from './receive-filings.js';

/** Filings carry their files: a few at a time keeps a round's memory bounded. */
const BATCH = 2;

/** Filings a round took: received, or refused and answered so. */
const taken = (round: FilingsRound) => round.received.length + round.refused.length;

/**
 * Whether the next round follows at once: only when this one took a full batch. Filings left unanswered (no
 * usable id, an acknowledgement the portal refused, a fault of ours) come first again in the next answer, so
 * counting them would ask the portal again and again without pause.
 */
export function anotherRoundAtOnce(round: FilingsRound): boolean {
  return !round.failure && taken(round) >= BATCH;
}

/**
 * Asks the national portal for new filings every `intervalMs` (ADR 0010: we poll, the portal does not push); a round
 * that took a full batch is followed by the next at once. Nothing is acknowledged that was not received.
 */
export function startFilingsPoller(
  deps: FilingDeps,
  options: { intervalMs: number; log(message: string, details?: Record<string, unknown>): void },
): Poller<FilingsRound> {
  return startPoller(() => receivePortalFilings(deps, BATCH), {
    ...options,
    name: 'national portal filings',
    again: anotherRoundAtOnce,
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
