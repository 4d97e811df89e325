import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerToken, requireActor, SESSION_COOKIE } from '../http/authenticate.js';
import type { AppContext } from '../http/context.js';
import { errorResponse } from '../http/schemas.js';
import { login } from './login.js';
import { ROLE_NAMES_VI } from './roles.js';
import { deleteSession } from './store.js';

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
