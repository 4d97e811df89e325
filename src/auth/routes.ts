import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerToken, requireActor, SESSION_COOKIE } from '../http/authenticate.js';
import type { AppContext } from '../http/context.js';
import { errorResponse, listOf } from '../shared/api-schemas.js';
import { AppError } from '../shared/errors.js';
import { login } from './login.js';
import { ROLE_NAMES_VI, ROLES } from './roles.js';
import { deleteSession, listOfficers } from './store.js';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
          response: {
            200: z.object({
              token: z.string(),
              expiresAt: z.string(),
              user: z.object({
                username: z.string(),
                fullName: z.string(),
                role: z.string(),
                agencyCode: z.string().nullable(),
              }),
            }),
            400: errorResponse,
            401: errorResponse,
          },
        },
      },
      async (request, reply) => {
        const result = await login(ctx.db, request.body.username, request.body.password);
        // The web app keeps the session in an HttpOnly cookie; API clients use the token as a bearer.
        reply.setCookie(SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          expires: result.expiresAt,
        });
        return { ...result, expiresAt: result.expiresAt.toISOString() };
      },
    );

    app.get('/api/auth/me', { schema: { tags: ['auth'], security: [{ bearer: [] }] } }, async (request) => {
      const actor = await requireActor(ctx.db, request);
      return { ...actor, roleName: ROLE_NAMES_VI[actor.role] };
    });

    app.get(
      '/api/agencies/:code/officers',
      {
        schema: {
          tags: ['auth'],
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
        const actor = await requireActor(ctx.db, request);
        const ownAgency = actor.agencyCode === request.params.code && actor.role !== 'citizen';
        if (!ownAgency && actor.role !== 'controller' && actor.role !== 'admin') {
          throw new AppError('FORBIDDEN', 'Chỉ xem được danh sách cán bộ của cơ quan mình.');
        }
        const rows = await listOfficers(ctx.db, request.params.code, request.query.role);
        const items = rows.map((r) => ({ username: r.username, fullName: r.full_name, role: r.role }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], security: [{ bearer: [] }] } },
      async (request, reply) => {
        const token = bearerToken(request);
        if (token) await deleteSession(ctx.db, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );
  };
}
