import type { Kysely } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import { PASSWORD_PROBLEM_VI, passwordProblems } from './password-rules.js';
import { hashPassword } from './passwords.js';
import { deleteSessionsOfUser, setPasswordHash, useReset } from './store.js';

/**
 * Sets a password through a one-time link: the link must be unused and unexpired, the password must pass
 * the rules (or the link stays usable), and every session of the account ends.
 */
export async function resetPassword(
  db: Kysely<Database>,
  reset: { token: string; newPassword: string },
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(reset.newPassword);
  await db.transaction().execute(async (trx) => {
    const account = await useReset(trx, reset.token, now);
    if (!account)
      throw new AppError('NOT_FOUND', 'Liên kết đặt mật khẩu không đúng, đã hết hạn hoặc đã được dùng.');
    const problems = passwordProblems(reset.newPassword, {
      username: account.username,
      fullName: account.full_name,
    });
    if (problems.length > 0)
      throw invalid(
        problems.map((problem) => ({ field: 'newPassword', message: PASSWORD_PROBLEM_VI[problem] })),
      );
    await setPasswordHash(trx, account.id, passwordHash);
    await deleteSessionsOfUser(trx, account.id);
    await announceChange(trx, 'user', String(account.id));
  });
}
