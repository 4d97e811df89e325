import type { Kysely } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import { lockedUntil, secondsLeft } from './lockout.js';
import { LoginLocked, type LoginResult, openSession } from './login.js';
import { challengeExpired } from './second-factor.js';
import type { AuthSettings } from './settings.js';
import {
  countChallengeAttempt,
  countFailure,
  deleteLoginChallenge,
  findLoginChallenge,
  forgetFailures,
  lockName,
  lockOf,
  useTotpStep,
} from './store.js';
import { checkTotp } from './totp.js';

/** Wrong codes one challenge takes before it ends (the person signs in again with their password). */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * The second step of a login: the code of the authenticator app. At enrolment the code is checked against the
 * secret just offered, which then becomes the account's. A code is good once (its time step is remembered),
 * a challenge takes a few wrong codes, and it opens one session.
 */
export async function finishSecondFactor(
  db: Kysely<Database>,
  settings: AuthSettings,
  attempt: { challenge: string; code: string },
  now = new Date(),
): Promise<LoginResult> {
  const challenge = await findLoginChallenge(db, attempt.challenge, now);
  if (!challenge?.active) throw challengeExpired();
  const locked = await lockOf(db, challenge.username);
  if (locked && locked > now) throw new LoginLocked(secondsLeft(locked, now));
  const secret = challenge.method === 'totp_enrolment' ? challenge.pending_secret : challenge.totp_secret;
  if (!secret) throw new AppError('CONFLICT', 'Chưa có mã bí mật: quét mã QR trong ứng dụng xác thực trước.');
  const lastStep = challenge.totp_last_step === null ? null : Number(challenge.totp_last_step);
  const checked = await checkTotp(secret, attempt.code.trim(), now.getTime(), lastStep);
  if (!checked.ok) {
    // A wrong code counts against the login name like a wrong password: the same lock, the same backoff.
    const until = lockedUntil(await countFailure(db, challenge.username, now), now, settings);
    if (until) await lockName(db, challenge.username, until);
    const attempts = await countChallengeAttempt(db, challenge.token_hash);
    if (attempts >= MAX_CODE_ATTEMPTS) {
      await deleteLoginChallenge(db, challenge.token_hash);
      throw new AppError('UNAUTHENTICATED', 'Nhập sai mã quá nhiều lần. Vui lòng đăng nhập lại.');
    }
    throw new AppError('VALIDATION_FAILED', 'Mã xác thực không đúng hoặc đã được dùng.', [
      { field: 'code', message: 'Mã xác thực không đúng hoặc đã được dùng.' },
    ]);
  }
  return inTransaction(db, async (trx) => {
    const enrol = challenge.method === 'totp_enrolment' ? { secret, at: now } : null;
    // Conditional on a newer step: of two requests racing with one code, one passes.
    if (!(await useTotpStep(trx, challenge.user_id, checked.step, enrol)))
      throw new AppError('VALIDATION_FAILED', 'Mã xác thực đã được dùng.', [
        { field: 'code', message: 'Mã xác thực đã được dùng.' },
      ]);
    await deleteLoginChallenge(trx, challenge.token_hash);
    await forgetFailures(trx, challenge.username);
    if (enrol) await announceChange(trx, 'user', String(challenge.user_id));
    return openSession(
      trx,
      settings,
      {
        id: challenge.user_id,
        username: challenge.username,
        full_name: challenge.full_name,
        role: challenge.role,
        agency_code: challenge.agency_code,
      },
      challenge.user_agent,
      now,
    );
  });
}
