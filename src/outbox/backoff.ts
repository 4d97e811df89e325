export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before the next attempt after `attempts` failed ones: exponential from `baseMs`, capped at
 * `maxMs`, with jitter (half to all of the step) so that receivers coming back are not hit all at once.
 */
export function retryDelayMs(
  attempts: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const step = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(step * (0.5 + random() / 2));
}
