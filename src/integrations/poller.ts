export interface Poller<R> {
  /** Runs a round now (or waits for the one running) and answers what it did. */
  pollNow(): Promise<R>;
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs`, one round at a time; when `again` says a round stopped at its batch size, the next
 * follows at once. A round that throws (our database down) is logged and tried again at the next tick.
 */
export function startPoller<R>(
  round: () => Promise<R>,
  options: {
    intervalMs: number;
    again(result: R): boolean;
    report(result: R): void;
    log(message: string, details?: Record<string, unknown>): void;
    name: string;
  },
): Poller<R> {
  let running: Promise<R> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const pollNow = () => {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = async () => {
    let again = false;
    try {
      const result = await pollNow();
      options.report(result);
      again = options.again(result);
    } catch (error) {
      options.log(`${options.name}: round failed`, { error: (error as Error).message });
    }
    if (!stopped) schedule(again ? 0 : options.intervalMs);
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
