import { generateSecret, generateURI, verify } from 'otplib';

/** Codes of the step before and after are accepted too (a phone's clock a little off). */
const TOLERANCE_SECONDS = 30;

/** A new shared secret (160 bits, base32), for an authenticator app. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: 'Một cửa điện tử Cần Thơ', label: accountName, secret });
}

/**
 * Whether `code` is the app's code at `nowMs` (± one step), and not of a step already used (`afterStep`):
 * a code seen once cannot be replayed. Returns the step it belongs to, to be remembered.
 */
export async function checkTotp(
  secret: string,
  code: string,
  nowMs: number,
  afterStep: number | null,
): Promise<{ ok: true; step: number } | { ok: false }> {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1_000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? { ok: true, step: result.timeStep } : { ok: false };
}
