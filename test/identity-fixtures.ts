import type { IdentityProviderSettings } from '../src/auth/identity/openid-identity-provider.js';
import { IdentityProviderSimulator } from '../src/integrations/identity/simulator.js';
import { freePort } from './ports.js';

/**
 * The local VNeID-style provider, started, with a portal that will listen on `port` registered as its
 * client; `settings` are what that portal's openid-client adapter takes.
 */
export async function startIdentityProvider(clientId: string): Promise<{
  idp: IdentityProviderSimulator;
  port: number;
  base: string;
  settings: IdentityProviderSettings;
}> {
  const idp = new IdentityProviderSimulator();
  await idp.start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const settings: IdentityProviderSettings = {
    issuer: idp.url,
    clientId,
    clientSecret: `${clientId}-secret-for-tests`,
    redirectUri: `${base}/api/auth/vneid/callback`,
    postLogoutRedirectUri: `${base}/dang-nhap`,
    scope: 'openid profile identity organisation',
    idNumberClaim: 'identity_number',
    timeoutSeconds: 5,
  };
  await idp.registerClient({
    clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    postLogoutRedirectUri: settings.postLogoutRedirectUri,
  });
  return { idp, port, base, settings };
}
