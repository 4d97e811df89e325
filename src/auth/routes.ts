import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { actorOf, bearerToken, SESSION_COOKIE, setSessionCookie } from './authenticate.js';
import { changePassword } from './change-password.js';
import { finishSecondFactor } from './finish-second-factor.js';
import type { IdentityProvider } from './identity/port.js';
import { LoginLocked, login } from './login.js';
import { logout } from './logout.js';
import { canListOfficers } from './policy.js';
import { OFFICER_ROLES, ROLE_NAMES_VI, ROLES } from './roles.js';
import { PUBLIC, signedIn } from './route-policy.js';
import type { SessionCache } from './session-cache.js';
import type { AuthSettings } from './settings.js';
import { startTotpEnrolment } from './start-totp-enrolment.js';
import { hashToken, listOfficers, sessionIdToken, verifiedIdentity } from './store.js';

export interface AuthRouteDeps {
  db: Kysely<Database>;
  /** This process's verified sessions: a logout here forgets its session at once (others hear of it). */
  sessions: SessionCache;
  auth: AuthSettings;
  /** The national identity provider, whose session a logout ends too (null when none is configured). */
  identity: IdentityProvider | null;
  /** The current instant (tests move it to reach lock and session ends). */
  now(): number;
}

const sessionAnswer = z.object({
  kind: z.literal('session'),
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({
    username: z.string(),
    fullName: z.string(),
    role: z.string(),
    agencyCode: z.string().nullable(),
  }),
});

/** The password was right; the code of the authenticator app finishes the login. */
const challengeAnswer = z.object({
  kind: z.literal('second_factor'),
  challenge: z.string(),
  method: z.enum(['totp', 'totp_enrolment']),
  expiresAt: z.string(),
});

export function authRoutes(ctx: AuthRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Only for the routes of this plugin that ask for it (login): other limits are set where they apply.
    await app.register(rateLimit, { global: false });
    app.post(
      '/api/auth/login',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: ctx.auth.loginPerIpPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['auth'],
          operationId: 'login',
          summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
          description:
            'Trả về phiên đăng nhập, hoặc — với tài khoản cần yếu tố xác thực thứ hai (TOTP) — một thử thách để gửi mã ở `POST /api/auth/login/second-factor` (chưa có ứng dụng xác thực: lấy mã QR ở `POST /api/auth/login/totp-enrolment`).',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
          response: {
            200: z.union([sessionAnswer, challengeAnswer]),
            400: errorResponse,
            401: errorResponse,
            429: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const result = await login(
          ctx.db,
          ctx.auth,
          {
            username: request.body.username,
            password: request.body.password,
            userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
          },
          new Date(ctx.now()),
        ).catch((error: unknown) => {
          if (error instanceof LoginLocked) reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        });
        if (result.kind === 'second_factor') return { ...result, expiresAt: result.expiresAt.toISOString() };
        setSessionCookie(request, reply, result);
        return { ...result, expiresAt: result.expiresAt.toISOString() };
      },
    );

    app.post(
      '/api/auth/login/totp-enrolment',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: ctx.auth.loginPerIpPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['auth'],
          operationId: 'startTotpEnrolment',
          summary: 'Lấy mã bí mật và mã QR để thêm tài khoản vào ứng dụng xác thực (trong lúc đăng nhập)',
          body: z.object({ challenge: z.string().min(20).max(100) }),
          security: [],
          response: {
            200: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }),
            400: errorResponse,
            401: errorResponse,
            409: errorResponse,
            429: errorResponse,
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return startTotpEnrolment(ctx.db, request.body.challenge, new Date(ctx.now()));
      },
    );

    app.post(
      '/api/auth/login/second-factor',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: ctx.auth.loginPerIpPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['auth'],
          operationId: 'finishSecondFactor',
          summary: 'Hoàn tất đăng nhập bằng mã 6 chữ số của ứng dụng xác thực (TOTP)',
          body: z.object({ challenge: z.string().min(20).max(100), code: z.string().min(1).max(12) }),
          security: [],
          response: {
            200: sessionAnswer,
            400: errorResponse,
            401: errorResponse,
            409: errorResponse,
            429: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const result = await finishSecondFactor(ctx.db, ctx.auth, request.body, new Date(ctx.now())).catch(
          (error: unknown) => {
            if (error instanceof LoginLocked) reply.header('retry-after', String(error.retryAfterSeconds));
            throw error;
          },
        );
        setSessionCookie(request, reply, result);
        return { ...result, expiresAt: result.expiresAt.toISOString() };
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { policy: signedIn('any') },
        schema: {
          tags: ['auth'],
          operationId: 'currentUser',
          summary: 'Người dùng đang đăng nhập',
          response: {
            200: z.object({
              id: z.number(),
              username: z.string(),
              fullName: z.string(),
              role: z.enum(ROLES),
              roleName: z.string(),
              agencyCode: z.string().nullable(),
              unitId: z.number().nullable(),
              unitCode: z.string().nullable(),
              provinceWide: z.boolean(),
              /** What VNeID verified, for a citizen who signed in through it (forms are filled from it). */
              verified: z
                .object({
                  idNumber: z.string(),
                  birthDate: z.string().nullable(),
                  organisation: z.object({ taxCode: z.string(), name: z.string() }).nullable(),
                })
                .nullable(),
            }),
            401: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const identity = actor.role === 'citizen' ? await verifiedIdentity(ctx.db, actor.id) : null;
        const verified = identity
          ? {
              idNumber: identity.idNumber,
              birthDate: identity.birthDate,
              organisation: identity.organisation,
            }
          : null;
        reply.header('cache-control', 'no-store');
        return { ...actor, roleName: ROLE_NAMES_VI[actor.role], verified };
      },
    );

    app.get(
      '/api/agencies/:code/officers',
      {
        config: { policy: signedIn(OFFICER_ROLES, 'agency.officers') },
        schema: {
          tags: ['auth'],
          operationId: 'listAgencyOfficers',
          summary: 'Cán bộ của một cơ quan (để phân công xử lý)',
          params: z.object({ code: z.string().max(35) }),
          querystring: z.object({ role: z.enum(ROLES).optional() }),
          security: [{ bearer: [] }],
          response: {
            200: listOf(z.object({ username: z.string(), fullName: z.string(), role: z.string() })),
            401: errorResponse,
            403: errorResponse,
          },
        },
      },
      async (request) => {
        if (!canListOfficers(actorOf(request), request.params.code)) {
          throw new AppError('FORBIDDEN', 'Chỉ xem được danh sách cán bộ của cơ quan mình.');
        }
        const rows = await listOfficers(ctx.db, request.params.code, request.query.role);
        const items = rows.map((r) => ({ username: r.username, fullName: r.full_name, role: r.role }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { policy: PUBLIC },
        schema: {
          tags: ['auth'],
          operationId: 'logout',
          summary: 'Đăng xuất (kết thúc phiên đăng nhập)',
          description:
            'Phiên mở bằng tài khoản định danh điện tử: trả về 200 với địa chỉ để kết thúc cả phiên ở hệ thống định danh (trình duyệt chuyển tới đó).',
          response: {
            200: z.object({ endSessionUrl: z.string() }),
            204: z.null(),
            400: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const token = bearerToken(request);
        let endSessionUrl: string | null = null;
        if (token) {
          const idToken = ctx.identity ? await sessionIdToken(ctx.db, token) : null;
          await logout(ctx.db, token);
          ctx.sessions.forgetSession(hashToken(token));
          if (idToken && ctx.identity)
            endSessionUrl = await ctx.identity.endSessionUrl(idToken).catch((error: unknown) => {
              request.log.warn({ err: error }, 'identity provider: no logout address');
              return null;
            });
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (endSessionUrl) return { endSessionUrl };
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { policy: signedIn('any') },
        schema: {
          tags: ['auth'],
          operationId: 'changePassword',
          summary: 'Đổi mật khẩu (mọi phiên đăng nhập của tài khoản kết thúc)',
          body: z.object({
            currentPassword: z.string().min(1).max(200),
            newPassword: z.string().min(1).max(400),
          }),
          response: { 204: z.null(), 400: errorResponse, 401: errorResponse },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await changePassword(ctx.db, actor, request.body);
        ctx.sessions.forgetUser(actor.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  };
}
