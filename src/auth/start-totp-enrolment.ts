import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { challengeExpired } from './second-factor.js';
import { findLoginChallenge, setPendingSecret } from './store.js';
import { newTotpSecret, totpUri } from './totp.js';

export interface TotpEnrolment {
  /** Base32, for typing into the app by hand. */
  secret: string;
  /** otpauth:// address, the QR code's content. */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/**
 * The secret an administrator or controller adds to their authenticator app, during a login that requires
 * one: offered on the login challenge (a new one each time it is asked for), and the account's only once a
 * code made from it finishes the login.
 */
export async function startTotpEnrolment(
  db: Kysely<Database>,
  challengeToken: string,
  now = new Date(),
): Promise<TotpEnrolment> {
  const challenge = await findLoginChallenge(db, challengeToken, now);
  if (!challenge?.active) throw challengeExpired();
  if (challenge.method !== 'totp_enrolment')
    throw new AppError('CONFLICT', 'Tài khoản đã có ứng dụng xác thực: nhập mã 6 chữ số từ ứng dụng.');
  const secret = newTotpSecret();
  await setPendingSecret(db, challenge.token_hash, secret);
  const uri = totpUri(secret, challenge.username);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}
