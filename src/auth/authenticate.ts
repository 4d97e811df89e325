import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { Actor } from './roles.js';
import type { SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'motcua_session';

/**
 * The web app keeps its session in this HttpOnly, same-site cookie (`Secure` over https); API clients use the
 * token as a bearer. Every way of signing in sets it here, with the same attributes.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires: session.expiresAt,
  });
}

/** The session token from `Authorization: Bearer …` (API clients) or the session cookie (the web app). */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  return request.cookies?.[SESSION_COOKIE] ?? null;
}

export async function optionalActor(
  db: Kysely<Database>,
  sessions: SessionCache,
  request: FastifyRequest,
): Promise<Actor | null> {
  const token = bearerToken(request);
  return token ? sessions.actor(db, token) : null;
}

/** The actor the policy hook resolved; routes declared `signed_in` always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  return request.actor;
}
