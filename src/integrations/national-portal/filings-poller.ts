import { type FilingDeps, receivePortalFilings } from './receive-filings.js';

const BATCH = 20;

export interface FilingsPoller {
  /** Runs a round now (or waits for the one running) and answers what it did. */
  pollNow(): ReturnType<typeof receivePortalFilings>;
  stop(): Promise<void>;
}

/**
 * Asks the national portal for new filings every `intervalMs` (ADR 0010: we poll, the portal does not push),
 * one round at a time; a full batch is followed by the next round at once. A failed round (the portal down,
 * our database down) is logged and tried again at the next tick: nothing is acknowledged that was not received.
 */
export function startFilingsPoller(
  deps: FilingDeps,
  options: { intervalMs: number; log(message: string, details?: Record<string, unknown>): void },
): FilingsPoller {
  let running: ReturnType<typeof receivePortalFilings> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const pollNow = () => {
    running ??= receivePortalFilings(deps, BATCH).finally(() => {
      running = null;
    });
    return running;
  };
  const tick = async () => {
    let again = false;
    try {
      const round = await pollNow();
      if (round.failure) options.log('national portal: filings not taken', { answer: round.failure.kind });
      if (round.received.length + round.refused.length > 0)
        options.log('national portal: filings taken', {
          received: round.received.length,
          refused: round.refused.length,
        });
      again = !round.failure && round.received.length + round.refused.length + round.unanswered >= BATCH;
    } catch (error) {
      options.log('national portal: filings round failed', { error: (error as Error).message });
    }
    if (!stopped) schedule(again ? 0 : options.intervalMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  schedule(options.intervalMs);

  return {
    pollNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
