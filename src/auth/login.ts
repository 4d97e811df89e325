import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { lockedUntil, secondsLeft } from './lockout.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';
import { type SecondFactor, secondFactorFor } from './second-factor.js';
import type { AuthSettings } from './settings.js';
import {
  countFailure,
  findUserForLogin,
  forgetFailures,
  insertLoginChallenge,
  insertSession,
  lockName,
  lockOf,
} from './store.js';

export interface LoginResult {
  kind: 'session';
  token: string;
  expiresAt: Date;
  user: { username: string; fullName: string; role: Role; agencyCode: string | null };
}

/** The password was right; the login goes on with a second factor (a challenge, not a session). */
export interface SecondFactorChallenge {
  kind: 'second_factor';
  challenge: string;
  method: SecondFactor;
  expiresAt: Date;
}

/** How long the second step may take after the password. */
const CHALLENGE_MINUTES = 5;

/** A login refused because its name is locked; `retryAfterSeconds` is when to try again. */
export class LoginLocked extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'LOGIN_LOCKED',
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
    );
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * A hash of a random password made with the same parameters as real ones: an unknown or disabled name is
 * checked against it, so it costs the same time as a wrong password and timing does not reveal which names
 * exist.
 */
function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

/** A new session token: 256 random bits, of which only a hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Checks the password and opens a session. An unknown name, a disabled account and a wrong password get the
 * same message after the same work; failures are counted per login name (existing or not) and lock it with
 * backoff (`lockout.ts`).
 */
export async function login(
  db: Kysely<Database>,
  settings: AuthSettings,
  attempt: { username: string; password: string; userAgent: string | null },
  now = new Date(),
): Promise<LoginResult | SecondFactorChallenge> {
  const name = attempt.username.trim().toLowerCase();
  const locked = await lockOf(db, name);
  if (locked && locked > now) throw new LoginLocked(secondsLeft(locked, now));
  const user = await findUserForLogin(db, name);
  const matches = await verifyPassword(user?.password_hash ?? (await hashForUnknownUser()), attempt.password);
  if (!user?.active || !matches) {
    const failures = await countFailure(db, name, now);
    const until = lockedUntil(failures, now, settings);
    if (until) await lockName(db, name, until);
    throw new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  const method = secondFactorFor(
    { role: user.role as Role, demo: user.demo, totpEnabled: user.totp_enabled_at !== null },
    settings.secondFactorRoles,
  );
  // With a second factor, failures are forgotten only once the code is right too: wrong codes add to them
  // (finish-second-factor.ts), so the lock also slows down someone who has the password and guesses codes.
  if (!method) await forgetFailures(db, name);
  if (method) {
    const challenge = newSessionToken();
    const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
    await insertLoginChallenge(db, {
      token: challenge,
      userId: user.id,
      method,
      userAgent: attempt.userAgent,
      now,
      expiresAt,
    });
    return { kind: 'second_factor', challenge, method, expiresAt };
  }
  return openSession(db, settings, user, attempt.userAgent, now);
}

/** A new session for the account (after the password, and the second factor when there is one). */
export async function openSession(
  db: Kysely<Database>,
  settings: AuthSettings,
  user: { id: number; username: string; full_name: string; role: string; agency_code: string | null },
  userAgent: string | null,
  now: Date,
  /** The identity provider's ID token, for a session opened through it (its logout needs it). */
  idToken?: string,
): Promise<LoginResult> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000);
  await insertSession(db, {
    token,
    userId: user.id,
    expiresAt,
    now,
    userAgent,
    ...(idToken ? { idToken } : {}),
  });
  return {
    kind: 'session',
    token,
    expiresAt,
    user: {
      username: user.username,
      fullName: user.full_name,
      role: user.role as Role,
      agencyCode: user.agency_code,
    },
  };
}
