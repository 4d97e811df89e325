import { AppError } from '../shared/errors.js';
import type { Role } from './roles.js';

/** A login challenge that is unknown, ended or past its five minutes: the person starts again. */
export function challengeExpired(): AppError {
  return new AppError(
    'UNAUTHENTICATED',
    'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.',
  );
}

export type SecondFactor = 'totp' | 'totp_enrolment';

/**
 * What a correct password leads to: a session, or a second step. An account with TOTP always gives its code;
 * an account of a role that must have one (administrators and controllers by default) and has none enrols
 * first. Demo accounts are exempt: their password is public and they must not exist in production
 * (docs/SECURITY.md).
 */
export function secondFactorFor(
  user: { role: Role; demo: boolean; totpEnabled: boolean },
  requiredFor: readonly Role[],
): SecondFactor | null {
  if (user.totpEnabled) return 'totp';
  if (user.demo) return null;
  return requiredFor.includes(user.role) ? 'totp_enrolment' : null;
}
