import { type Config, ConfigError } from '../config.js';
import { ROLES, type Role } from './roles.js';

/** The roles named in TOTP_REQUIRED_ROLES; an unknown name stops the start, like any bad variable. */
function knownRoles(names: string[]): Role[] {
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new ConfigError(
      `Cấu hình không hợp lệ / invalid configuration: TOTP_REQUIRED_ROLES: vai trò không có (unknown role): ${unknown.join(', ')}`,
    );
  return names as Role[];
}

/** How logins and sessions are bounded (from the environment, see src/config.ts; tests set their own). */
export interface AuthSettings {
  /** Login attempts one IP address may make per minute, whatever the account. */
  loginPerIpPerMinute: number;
  /** Consecutive failures of one login name before it is locked. */
  lockoutAfter: number;
  /** The first lock; each further failure doubles it. */
  lockoutBaseSeconds: number;
  /** The longest lock. */
  lockoutMaxSeconds: number;
  /** A session nobody used for this long ends. */
  sessionIdleMinutes: number;
  /** A session ends this long after login, however busy. */
  sessionAbsoluteHours: number;
  /** How often ended sessions and stale failure counts are deleted. */
  purgeEveryMinutes: number;
  /** Roles that must sign in with a second factor (TOTP); demo accounts are exempt. */
  secondFactorRoles: readonly Role[];
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  loginPerIpPerMinute: 30,
  lockoutAfter: 5,
  lockoutBaseSeconds: 30,
  lockoutMaxSeconds: 3_600,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  purgeEveryMinutes: 15,
  secondFactorRoles: ['admin', 'controller'],
};

/** The settings from the validated environment. */
export function authSettings(config: Config): AuthSettings {
  return {
    loginPerIpPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE,
    lockoutAfter: config.LOGIN_LOCKOUT_AFTER,
    lockoutBaseSeconds: config.LOGIN_LOCKOUT_SECONDS,
    lockoutMaxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: config.SESSION_ABSOLUTE_HOURS,
    purgeEveryMinutes: config.SESSION_PURGE_MINUTES,
    secondFactorRoles: knownRoles(config.TOTP_REQUIRED_ROLES),
  };
}
