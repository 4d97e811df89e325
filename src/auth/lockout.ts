import type { AuthSettings } from './settings.js';

export type LockoutSettings = Pick<AuthSettings, 'lockoutAfter' | 'lockoutBaseSeconds' | 'lockoutMaxSeconds'>;

/**
 * When a login name may be tried again after `failures` consecutive failures, or null when it is not locked:
 * from the `lockoutAfter`-th failure on, the lock starts at `lockoutBaseSeconds` and doubles with each further
 * failure up to `lockoutMaxSeconds`, so guessing slows down exponentially while an owner who mistyped a few
 * times waits seconds, not hours.
 */
export function lockedUntil(failures: number, at: Date, settings: LockoutSettings): Date | null {
  if (failures < settings.lockoutAfter) return null;
  const doublings = Math.min(failures - settings.lockoutAfter, 30);
  const seconds = Math.min(settings.lockoutBaseSeconds * 2 ** doublings, settings.lockoutMaxSeconds);
  return new Date(at.getTime() + seconds * 1_000);
}

/** Whole seconds until a lock ends (at least 1 while it lasts): the Retry-After of a refused login. */
export function secondsLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1_000));
}
