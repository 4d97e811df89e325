import { randomBytes } from 'node:crypto';
import { openIdIdentityProvider } from '../../auth/identity/openid-identity-provider.js';
import type { IdentityProvider } from '../../auth/identity/port.js';
import type { Config } from '../../config.js';
import { IdentityProviderSimulator } from './simulator.js';

export interface StartedIdentity {
  provider: IdentityProvider | null;
  /** For the start-up message. */
  lines: string[];
  stop(): Promise<void>;
}

export const CALLBACK_PATH = '/api/auth/vneid/callback';
export const POST_LOGOUT_PATH = '/dang-nhap';

/**
 * The identity provider citizens sign in with: the configured one (OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET), else in demo mode a local VNeID-style provider on the loopback interface with this
 * server registered as its client; else none.
 */
export async function startIdentity(config: Config, publicUrl: string): Promise<StartedIdentity> {
  const settings = (issuer: string, clientId: string, clientSecret: string) => ({
    issuer,
    clientId,
    clientSecret,
    redirectUri: new URL(CALLBACK_PATH, publicUrl).href,
    postLogoutRedirectUri: new URL(POST_LOGOUT_PATH, publicUrl).href,
    scope: config.OIDC_SCOPE,
    idNumberClaim: config.OIDC_ID_NUMBER_CLAIM,
    timeoutSeconds: Math.ceil(config.OIDC_TIMEOUT_MS / 1_000),
  });
  if (config.OIDC_ISSUER) {
    if (!config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET)
      throw new Error('OIDC_ISSUER cần OIDC_CLIENT_ID và OIDC_CLIENT_SECRET (needs a client id and secret)');
    return {
      provider: openIdIdentityProvider(
        settings(config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET),
      ),
      lines: [],
      stop: async () => {},
    };
  }
  if (!config.MOTCUA_DEMO) return { provider: null, lines: [], stop: async () => {} };
  const simulator = new IdentityProviderSimulator();
  await simulator.start();
  const clientSecret = randomBytes(24).toString('base64url');
  const chosen = settings(simulator.url, 'motcua-portal', clientSecret);
  await simulator.registerClient({
    clientId: chosen.clientId,
    clientSecret,
    redirectUri: chosen.redirectUri,
    postLogoutRedirectUri: chosen.postLogoutRedirectUri,
  });
  return {
    provider: openIdIdentityProvider(chosen),
    lines: [
      `VNeID (mô phỏng): ${simulator.url} — số định danh 092195000003, mật khẩu demo (xem src/integrations/identity/simulator.ts)`,
    ],
    stop: () => simulator.stop(),
  };
}
