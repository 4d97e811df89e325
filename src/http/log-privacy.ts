import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The request as logged: method, route and path, never the query string (a search by identity number, a
 * phone) — personal data stays out of the log (Decree 13/2023); the user is named by id only.
 */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.split('?')[0],
    remoteAddress: request.ip,
  };
}

/** Every later log line of a signed-in user's request carries their id (registered after the policy hook). */
export function logSignedInUser(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.actor) return;
    const log = request.log.child({ userId: request.actor.id });
    request.log = log;
    reply.log = log;
  });
}
