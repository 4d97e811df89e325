import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { openSession } from '../login.js';
import type { Role } from '../roles.js';
import type { AuthSettings } from '../settings.js';
import { findIdentityUser, insertIdentityUser, refreshIdentityUser } from '../store.js';
import type { IdentityClaims } from './port.js';

export interface IdentitySignIn {
  token: string;
  expiresAt: Date;
  user: { id: number; username: string; fullName: string; role: Role; created: boolean };
}

/** A login name for an account made by the identity provider: no personal data in it (it reaches logs). */
const newUsername = () => `vneid.${randomBytes(8).toString('hex')}`;

/**
 * Opens a session for the person the identity provider vouched for. The first login makes a citizen account
 * (name and birth date from the claims); later ones find it by the provider's subject, or by the verified
 * identity number, and take the claims again. Only a citizen account may be entered this way: officers sign
 * in with their own accounts, and a disabled account stays shut.
 */
export async function signInWithIdentity(
  db: Kysely<Database>,
  settings: AuthSettings,
  signIn: { claims: IdentityClaims; idToken: string; userAgent: string | null },
  now = new Date(),
): Promise<IdentitySignIn> {
  const { claims } = signIn;
  const identity = {
    subject: claims.subject,
    idNumber: claims.idNumber,
    fullName: claims.fullName,
    birthDate: claims.birthDate,
    organisation: claims.organisation,
  };
  return db.transaction().execute(async (trx) => {
    const existing = await findIdentityUser(trx, claims.subject, claims.idNumber);
    if (existing && (existing.role !== 'citizen' || !existing.active))
      throw new AppError(
        'IDENTITY_LOGIN_FAILED',
        'Tài khoản gắn với số định danh này không dùng được để đăng nhập bằng VNeID. Vui lòng liên hệ bộ phận một cửa.',
      );
    let userId: number;
    let username: string;
    if (existing) {
      await refreshIdentityUser(trx, existing.id, identity);
      userId = existing.id;
      username = existing.username;
    } else {
      username = newUsername();
      userId = await insertIdentityUser(trx, username, identity);
    }
    const { token, expiresAt } = await openSession(
      trx,
      settings,
      { id: userId, username, full_name: claims.fullName, role: 'citizen', agency_code: null },
      signIn.userAgent,
      now,
      signIn.idToken,
    );
    return {
      token,
      expiresAt,
      user: { id: userId, username, fullName: claims.fullName, role: 'citizen', created: !existing },
    };
  });
}
