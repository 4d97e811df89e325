import type { RouteOptions } from 'fastify';
import { errorResponse } from '../shared/api-schemas.js';

type Schema = NonNullable<RouteOptions['schema']> & {
  security?: Record<string, string[]>[];
  response?: Record<string | number, unknown>;
  hide?: boolean;
};

/**
 * Writes each route's declared policy into its OpenAPI operation, so the document cannot disagree with what
 * the server enforces: signed-in routes list both session schemes and their 401/403 answers; public routes
 * say they need no credentials; any route that validates input documents its 400.
 */
export function documentPolicy(route: RouteOptions): void {
  const schema = route.schema as Schema | undefined;
  const policy = route.config?.policy;
  if (!schema || schema.hide || !policy) return;
  schema.response ??= {};
  const response = schema.response;
  if (policy.access === 'signed_in') {
    schema.security = [{ bearer: [] }, { cookie: [] }];
    response[401] ??= errorResponse;
    if (policy.roles !== 'any') response[403] ??= errorResponse;
  } else {
    schema.security = [];
  }
  if (schema.body || schema.querystring || schema.params || schema.headers) response[400] ??= errorResponse;
}
