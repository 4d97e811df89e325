import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { optionalActor } from './authenticate.js';
import type { Actor, Role } from './roles.js';
import type { SessionCache } from './session-cache.js';

/**
 * Who may call a route. Every route declares one (a test over the route table fails otherwise); the hook
 * below enforces the role part before the body is even parsed. `rule` names the resource rule the use case
 * applies afterwards (e.g. "dossier.read": only dossiers the actor may see), from the module's policy file.
 */
export type RoutePolicy =
  | { readonly access: 'public'; readonly rule?: string }
  | { readonly access: 'signed_in'; readonly roles: readonly Role[] | 'any'; readonly rule?: string };

export const PUBLIC: RoutePolicy = { access: 'public' };

export function signedIn(roles: readonly Role[] | 'any', rule?: string): RoutePolicy {
  return rule ? { access: 'signed_in', roles, rule } : { access: 'signed_in', roles };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    /** The signed-in user, resolved once per request by the policy hook (null when anonymous). */
    actor: Actor | null;
  }
}

/** A route as registered, with the policy it declared (read after registration: plugins may set it late). */
export interface RouteEntry {
  method: string;
  url: string;
  options: RouteOptions;
}

export function policyOf(entry: RouteEntry): RoutePolicy | undefined {
  return entry.options.config?.policy;
}

/** Routes of a table that declare no policy (the server refuses them; the route-table test names them). */
export function routesWithoutPolicy(table: RouteEntry[]): string[] {
  return table.filter((entry) => !policyOf(entry)).map((entry) => `${entry.method} ${entry.url}`);
}

/** Declares every route registered inside `scope` (e.g. a plugin's static files) with the same policy. */
export function declareScopePolicy(scope: FastifyInstance, policy: RoutePolicy): void {
  scope.addHook('onRoute', (route) => {
    route.config = Object.assign(route.config ?? {}, { policy });
  });
}

/** Whether the role part of a policy admits this actor: null = yes, else the error to answer with. */
export function roleCheck(policy: RoutePolicy, actor: Actor | null): AppError | null {
  if (policy.access === 'public') return null;
  if (!actor) return new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  if (policy.roles !== 'any' && !policy.roles.includes(actor.role))
    return new AppError('FORBIDDEN', 'Tài khoản của bạn không có quyền dùng chức năng này.');
  return null;
}

/**
 * Collects the route table and enforces each route's policy on every request. A route without a policy is
 * refused (fail closed), so a forgotten declaration cannot open data to everyone.
 */
export function registerRoutePolicies(
  app: FastifyInstance,
  db: Kysely<Database>,
  sessions: SessionCache,
): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) table.push({ method, url: route.url, options: route });
  });
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    if (!policy) {
      request.log.error({ url: request.routeOptions.url }, 'route without a policy');
      throw new AppError('FORBIDDEN', 'Chức năng chưa được khai báo quyền truy cập.');
    }
    request.actor = await optionalActor(db, sessions, request);
    const refused = roleCheck(policy, request.actor);
    if (refused) throw refused;
  });
  return table;
}
