import * as oidc from 'openid-client';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { nfc } from '../../shared/text.js';
import type { IdentityClaims, IdentityProvider, PendingLogin } from './port.js';

export interface IdentityProviderSettings {
  /** The issuer (its discovery document is at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This server's callback, as registered with the provider: `<public URL>/api/auth/vneid/callback`. */
  redirectUri: string;
  /** Where the provider sends the browser after its logout: `<public URL>/dang-nhap`. */
  postLogoutRedirectUri: string;
  /** Scopes asked for (openid and what carries the claims below). */
  scope: string;
  /** The claim that carries the 12-digit personal identity number. */
  idNumberClaim: string;
  timeoutSeconds: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  name: z.string().trim().min(1).max(200),
  birthdate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  organisation_tax_code: z
    .string()
    .regex(/^\d{10}(-\d{3})?$/)
    .optional(),
  organisation_name: z.string().trim().min(1).max(300).optional(),
});

const failed = (message: string) => new AppError('IDENTITY_LOGIN_FAILED', message);

/**
 * The identity provider through openid-client: discovery (kept once it succeeds), authorisation code with
 * PKCE (S256), state and nonce, the ID token checked by the library, then the claims read from userinfo.
 * Plain http is allowed only for a provider on this machine (the demo's); anything else must be https.
 */
export function openIdIdentityProvider(settings: IdentityProviderSettings): IdentityProvider {
  let configuration: Promise<oidc.Configuration> | null = null;
  const discover = () => {
    configuration ??= (async () => {
      const issuer = new URL(settings.issuer);
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      return oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        timeout: settings.timeoutSeconds,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
    })().catch((error: unknown) => {
      configuration = null;
      throw Object.assign(
        new AppError(
          'IDENTITY_PROVIDER_UNAVAILABLE',
          'Hệ thống định danh điện tử đang không trả lời. Vui lòng thử lại sau ít phút.',
        ),
        { cause: error },
      );
    });
    return configuration;
  };

  return {
    name: 'VNeID',
    async begin(returnTo) {
      const config = await discover();
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    async finish(callbackQuery, pending) {
      const config = await discover();
      const current = new URL(settings.redirectUri);
      current.search = callbackQuery;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        if (current.searchParams.get('error') === 'access_denied')
          throw failed('Bạn đã hủy đăng nhập bằng tài khoản định danh điện tử.');
        throw Object.assign(failed('Không xác thực được kết quả đăng nhập. Vui lòng đăng nhập lại.'), {
          cause: error,
        });
      }
      const subject = tokens.claims()?.sub;
      const idToken = tokens.id_token;
      if (!subject || !idToken) throw failed('Hệ thống định danh không trả về người đăng nhập.');
      const info = await oidc.fetchUserInfo(config, tokens.access_token, subject);
      const parsed = claimsSchema.safeParse(info);
      const idNumber = info[settings.idNumberClaim];
      if (!parsed.success || typeof idNumber !== 'string' || !/^\d{12}$/.test(idNumber))
        throw failed('Hệ thống định danh không cung cấp đủ họ tên và số định danh cá nhân.');
      const claims: IdentityClaims = {
        subject,
        idNumber,
        fullName: nfc(parsed.data.name),
        birthDate: parsed.data.birthdate ?? null,
        organisation:
          parsed.data.organisation_tax_code && parsed.data.organisation_name
            ? { taxCode: parsed.data.organisation_tax_code, name: nfc(parsed.data.organisation_name) }
            : null,
      };
      return { claims, idToken };
    },

    async endSessionUrl(idToken) {
      const config = await discover();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: settings.postLogoutRedirectUri,
      }).href;
    },
  };
}
