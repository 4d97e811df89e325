import { type Summary, summarise } from './stats.js';

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
}

/**
 * Runs `task` in `concurrency` loops for a fixed time and records each call's latency. A task may
 * report several operations (e.g. one dossier = several actions) by returning their latencies, or say that
 * its work list is empty by returning null (that loop stops; the run ends when every loop has stopped).
 */
export async function runLoad(
  options: LoadOptions,
  task: (worker: number, iteration: number) => Promise<number[] | undefined | null>,
): Promise<Summary> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      let iteration = 0;
      while (performance.now() < deadline) {
        const before = performance.now();
        try {
          const inner = await task(worker, iteration++);
          if (inner === null) break;
          if (inner) latencies.push(...inner);
          else latencies.push(performance.now() - before);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  if (errors > 0 && latencies.length === 0) throw firstError;
  // A run with errors says what the first one was: an error rate without a cause cannot be acted on.
  if (errors > 0)
    process.stderr.write(`      ${errors} errors; the first: ${String(firstError).slice(0, 300)}\n`);
  return summarise(latencies, (performance.now() - started) / 1000, errors);
}

/** Times one call. */
export async function timed(call: () => Promise<unknown>): Promise<number> {
  const before = performance.now();
  await call();
  return performance.now() - before;
}
