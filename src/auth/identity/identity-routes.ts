import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { errorResponse } from '../../shared/api-schemas.js';
import { AppError } from '../../shared/errors.js';
import { setSessionCookie } from '../authenticate.js';
import { PUBLIC } from '../route-policy.js';
import type { AuthSettings } from '../settings.js';
import type { IdentityProvider, PendingLogin } from './port.js';
import { signInWithIdentity } from './sign-in-with-identity.js';

export interface IdentityRouteDeps {
  db: Kysely<Database>;
  auth: AuthSettings;
  /** The national identity provider; null when none is configured (the login page then offers none). */
  identity: IdentityProvider | null;
  now(): number;
  /** After a login: what other modules do for the person (their counter-filed dossiers join the account). */
  afterSignIn?(account: { userId: number; verifiedIdNumber: string }): Promise<number>;
}

/** Carries the pending login from start to callback: sent back on the provider's top-level redirect (Lax). */
const PENDING_COOKIE = 'motcua_vneid';
const PENDING_PATH = '/api/auth/vneid';
const PENDING_SECONDS = 600;
const DEFAULT_RETURN = '/ho-so-cua-toi';
const LOGIN_PAGE = '/dang-nhap';

/** Only a page of this site: a path, not `//host` or `/\host`, and nothing that is not printable. */
export function safeReturnPath(value: string | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_RETURN;
  const unprintable = [...value].some((c) => c <= '\u001f' || c === '\u007f' || c === '\\');
  if (value.length > 300 || unprintable) return DEFAULT_RETURN;
  return value;
}

const pendingSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  returnTo: z.string().max(300),
});

function readPending(request: FastifyRequest): PendingLogin | null {
  const raw = request.cookies[PENDING_COOKIE];
  if (!raw || raw.length > 2_000) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Back to the login page, which says what happened by the stable code (the browser is mid-redirect). */
function toLoginPage(reply: FastifyReply, code: string) {
  return reply.redirect(`${LOGIN_PAGE}?loi=${encodeURIComponent(code)}`, 303);
}

const redirect = z.null().describe('Chuyển trình duyệt tới địa chỉ trong tiêu đề Location');

export function identityRoutes(ctx: IdentityRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/auth/identity-provider',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['auth'],
          operationId: 'identityProvider',
          summary: 'Hệ thống định danh điện tử dùng để đăng nhập (nếu có)',
          security: [],
          response: {
            200: z.object({ available: z.boolean(), name: z.string().nullable() }),
            400: errorResponse,
          },
        },
      },
      async () => ({ available: ctx.identity !== null, name: ctx.identity?.name ?? null }),
    );

    app.get(
      `${PENDING_PATH}/start`,
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['auth'],
          operationId: 'startIdentityLogin',
          summary: 'Bắt đầu đăng nhập bằng tài khoản định danh điện tử (chuyển tới VNeID)',
          description:
            'Chuyển trình duyệt tới hệ thống định danh (mã ủy quyền, PKCE S256, state, nonce). Khi không có hệ thống định danh hoặc hệ thống không trả lời, chuyển về trang đăng nhập với mã lỗi trong tham số `loi`.',
          security: [],
          querystring: z.object({ returnTo: z.string().max(300).optional() }),
          response: { 302: redirect, 303: redirect, 400: errorResponse },
        },
      },
      async (request, reply) => {
        if (!ctx.identity) return toLoginPage(reply, 'IDENTITY_PROVIDER_UNAVAILABLE');
        let begun: Awaited<ReturnType<IdentityProvider['begin']>>;
        try {
          begun = await ctx.identity.begin(safeReturnPath(request.query.returnTo));
        } catch (error) {
          request.log.warn({ err: error }, 'identity provider: login could not start');
          return toLoginPage(reply, 'IDENTITY_PROVIDER_UNAVAILABLE');
        }
        reply.setCookie(PENDING_COOKIE, Buffer.from(JSON.stringify(begun.pending)).toString('base64url'), {
          path: PENDING_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: PENDING_SECONDS,
        });
        return reply.redirect(begun.url, 302);
      },
    );

    app.get(
      `${PENDING_PATH}/callback`,
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['auth'],
          operationId: 'finishIdentityLogin',
          summary: 'Nhận kết quả đăng nhập từ hệ thống định danh và mở phiên',
          description:
            'Kiểm tra state, PKCE, nonce và ID token; tài khoản công dân được tạo ở lần đăng nhập đầu tiên (họ tên, ngày sinh, số định danh theo hệ thống định danh). Lỗi: chuyển về trang đăng nhập với mã lỗi trong tham số `loi`.',
          security: [],
          querystring: z.object({
            code: z.string().max(2_048).optional(),
            state: z.string().max(200).optional(),
            iss: z.string().max(500).optional(),
            error: z.string().max(200).optional(),
            error_description: z.string().max(1_000).optional(),
          }),
          response: { 303: redirect, 400: errorResponse },
        },
      },
      async (request, reply) => {
        const pending = readPending(request);
        reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
        if (!ctx.identity) return toLoginPage(reply, 'IDENTITY_PROVIDER_UNAVAILABLE');
        // A callback this browser did not start (no cookie, or another login's state) is refused.
        if (!pending || pending.state !== request.query.state)
          return toLoginPage(reply, 'IDENTITY_LOGIN_FAILED');
        try {
          const query = (request.raw.url ?? '').split('?')[1] ?? '';
          const answer = await ctx.identity.finish(query, pending);
          const session = await signInWithIdentity(
            ctx.db,
            ctx.auth,
            { ...answer, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null },
            new Date(ctx.now()),
          );
          setSessionCookie(request, reply, session);
          const linked = await ctx
            .afterSignIn?.({ userId: session.user.id, verifiedIdNumber: answer.claims.idNumber })
            .catch((error: unknown) => {
              // The session stands; the dossiers are linked at the next login.
              request.log.warn({ err: error }, 'identity login: dossiers not linked');
              return 0;
            });
          request.log.info(
            { userId: session.user.id, created: session.user.created, linkedDossiers: linked ?? 0 },
            'identity login',
          );
          return reply.redirect(safeReturnPath(pending.returnTo), 303);
        } catch (error) {
          const code = error instanceof AppError ? error.code : 'IDENTITY_LOGIN_FAILED';
          request.log.warn({ err: error instanceof AppError ? error.code : error }, 'identity login refused');
          return toLoginPage(reply, code);
        }
      },
    );
  };
}
