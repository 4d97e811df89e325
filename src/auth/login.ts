import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { verifyPassword } from './passwords.js';
import type { Role } from './roles.js';
import { findUserForLogin, insertSession } from './store.js';

export const SESSION_HOURS = 12;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { username: string; fullName: string; role: Role; agencyCode: string | null };
}

/** Checks the password and opens a session; the same message for an unknown user and a wrong password. */
export async function login(
  db: Kysely<Database>,
  username: string,
  password: string,
  now = new Date(),
): Promise<LoginResult> {
  const user = await findUserForLogin(db, username.trim().toLowerCase());
  const valid = user?.active === true && (await verifyPassword(user.password_hash, password));
  if (!user || !valid) {
    throw new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(db, token, user.id, expiresAt);
  return {
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
