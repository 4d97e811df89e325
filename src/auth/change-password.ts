import type { Kysely } from 'kysely';
import { announceChange } from '../db/change-feed.js';
import type { Database } from '../db/schema.js';
import { AppError, invalid } from '../shared/errors.js';
import { PASSWORD_PROBLEM_VI, passwordProblems } from './password-rules.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Actor } from './roles.js';
import { deleteSessionsOfUser, findAccountSecret, setPasswordHash } from './store.js';

/**
 * Changes the caller's password after checking the current one and the password rules, and ends every
 * session of the account — this one included — on every server process: whoever learnt the old password
 * is signed out with everyone else.
 */
export async function changePassword(
  db: Kysely<Database>,
  actor: Actor,
  change: { currentPassword: string; newPassword: string },
): Promise<void> {
  const account = await findAccountSecret(db, actor.id);
  if (!account) throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  if (account.password_hash === null)
    throw new AppError(
      'NO_PASSWORD',
      'Tài khoản này đăng nhập bằng tài khoản định danh điện tử (VNeID) và không có mật khẩu để đổi.',
    );
  if (!(await verifyPassword(account.password_hash, change.currentPassword)))
    throw invalid([{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
  const problems = passwordProblems(change.newPassword, {
    username: account.username,
    fullName: account.full_name,
  });
  if (problems.length > 0)
    throw invalid(
      problems.map((problem) => ({ field: 'newPassword', message: PASSWORD_PROBLEM_VI[problem] })),
    );
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, actor.id, passwordHash);
    await deleteSessionsOfUser(trx, actor.id);
    await announceChange(trx, 'user', String(actor.id));
  });
}
