import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { errorResponse, listOf } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { requireAccountScope } from './account-scope.js';
import {
  type AgencyDirectory,
  accountSchema,
  agencyCodeSchema,
  newOfficerSchema,
  officerChangeSchema,
  toAccount,
} from './accounts-model.js';
import { actorOf, bearerToken } from './authenticate.js';
import { createOfficer } from './create-officer.js';
import { issueResetLink } from './issue-reset-link.js';
import { listAccountsInScope } from './list-accounts.js';
import { endOwnSession, listOwnSessions } from './own-sessions.js';
import { ACCOUNT_MANAGERS } from './policy.js';
import { resetPassword } from './reset-password.js';
import { PUBLIC, signedIn } from './route-policy.js';
import type { SessionCache } from './session-cache.js';
import type { AuthSettings } from './settings.js';
import { findAccount } from './store.js';
import { updateOfficerAccount } from './update-officer.js';

export interface AccountRouteDeps {
  db: Kysely<Database>;
  sessions: SessionCache;
  auth: AuthSettings;
  agencies: AgencyDirectory;
  publicUrl: string;
  now(): number;
}

const resetLinkSchema = z.object({ username: z.string(), link: z.string(), expiresAt: z.string() });
const usernameParams = z.object({ username: z.string().max(64) });

export function accountRoutes(ctx: AccountRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(rateLimit, { global: false });

    app.get(
      '/api/accounts',
      {
        config: { policy: signedIn(ACCOUNT_MANAGERS, 'account.manage') },
        schema: {
          tags: ['accounts'],
          operationId: 'listAccounts',
          summary: 'Tài khoản cán bộ trong phạm vi quản trị',
          querystring: z.object({ agency: agencyCodeSchema.optional() }),
          response: { 200: listOf(accountSchema), 401: errorResponse, 403: errorResponse },
        },
      },
      async (request) => {
        const rows = await listAccountsInScope(ctx.db, ctx.agencies, actorOf(request), request.query.agency);
        return { items: rows.map(toAccount), total: rows.length };
      },
    );

    app.post(
      '/api/accounts',
      {
        config: { policy: signedIn(ACCOUNT_MANAGERS, 'account.manage') },
        schema: {
          tags: ['accounts'],
          operationId: 'createOfficerAccount',
          summary: 'Tạo tài khoản cán bộ (kèm liên kết đặt mật khẩu dùng một lần)',
          body: newOfficerSchema,
          response: {
            201: resetLinkSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const link = await createOfficer(ctx.db, ctx.agencies, actorOf(request), request.body, {
          now: new Date(ctx.now()),
          publicUrl: ctx.publicUrl,
        });
        return reply.status(201).send({
          username: request.body.username,
          link: link.link,
          expiresAt: link.expiresAt.toISOString(),
        });
      },
    );

    app.patch(
      '/api/accounts/:username',
      {
        config: { policy: signedIn(ACCOUNT_MANAGERS, 'account.manage') },
        schema: {
          tags: ['accounts'],
          operationId: 'updateOfficerAccount',
          summary: 'Đổi vai trò, cơ quan, phòng hoặc khóa, mở khóa tài khoản cán bộ',
          params: usernameParams,
          body: officerChangeSchema,
          response: {
            200: accountSchema,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            404: errorResponse,
            409: errorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const updated = await updateOfficerAccount(
          ctx.db,
          ctx.agencies,
          actor,
          request.params.username,
          request.body,
        );
        // This process forgets at once; the others hear the announcement.
        ctx.sessions.forgetUser(updated.id);
        return toAccount(updated);
      },
    );

    app.post(
      '/api/accounts/:username/reset-link',
      {
        config: { policy: signedIn(ACCOUNT_MANAGERS, 'account.manage') },
        schema: {
          tags: ['accounts'],
          operationId: 'issuePasswordResetLink',
          summary: 'Cấp liên kết đặt lại mật khẩu dùng một lần cho cán bộ',
          params: usernameParams,
          response: { 201: resetLinkSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const account = await findAccount(ctx.db, request.params.username);
        if (!account || account.role === 'citizen')
          throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản cán bộ.');
        await requireAccountScope(ctx.agencies, actor, [account.agency_code]);
        const link = await issueResetLink(ctx.db, {
          userId: account.id,
          createdBy: actor.id,
          now: new Date(ctx.now()),
          publicUrl: ctx.publicUrl,
        });
        return reply
          .status(201)
          .send({ username: account.username, link: link.link, expiresAt: link.expiresAt.toISOString() });
      },
    );

    app.post(
      '/api/auth/reset',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: ctx.auth.loginPerIpPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['auth'],
          operationId: 'resetPassword',
          summary: 'Đặt mật khẩu bằng liên kết dùng một lần',
          body: z.object({ token: z.string().min(20).max(100), newPassword: z.string().min(1).max(400) }),
          response: { 204: z.null(), 400: errorResponse, 404: errorResponse, 429: errorResponse },
        },
      },
      async (request, reply) => {
        await resetPassword(ctx.db, request.body, new Date(ctx.now()));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me/sessions',
      {
        config: { policy: signedIn('any') },
        schema: {
          tags: ['auth'],
          operationId: 'listOwnSessions',
          summary: 'Các phiên đăng nhập của tôi',
          response: {
            200: listOf(
              z.object({
                id: z.string(),
                createdAt: z.string(),
                lastSeenAt: z.string(),
                expiresAt: z.string(),
                userAgent: z.string().nullable(),
                current: z.boolean(),
              }),
            ),
            401: errorResponse,
          },
        },
      },
      async (request) => {
        const items = await listOwnSessions(
          ctx.db,
          actorOf(request),
          bearerToken(request),
          new Date(ctx.now()),
          ctx.auth.sessionIdleMinutes,
        );
        return { items, total: items.length };
      },
    );

    app.delete(
      '/api/me/sessions/:id',
      {
        config: { policy: signedIn('any') },
        schema: {
          tags: ['auth'],
          operationId: 'endOwnSession',
          summary: 'Kết thúc một phiên đăng nhập của tôi',
          params: z.object({ id: z.string().regex(/^[0-9]{1,18}$/) }),
          response: { 204: z.null(), 400: errorResponse, 401: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const tokenHash = await endOwnSession(ctx.db, actorOf(request), request.params.id);
        ctx.sessions.forgetSession(tokenHash);
        return reply.status(204).send(null);
      },
    );
  };
}
