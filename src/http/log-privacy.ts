import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The request as logged: method, route and path, never the query string (a search by identity number, a
 * phone) — personal data stays out of the log (Decree 13/2023); the user is named by id only.
 */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: pathForLog(request.url),
    remoteAddress: request.ip,
  };
}

/**
 * The path without its query string, and with every run of nine or more digits hidden: no route takes an
 * identity number, a phone or a tax code in its path, but a mistaken or hostile request may put one there;
 * and a document's 12-digit verification code is a capability to read it, not for the log.
 */
export function pathForLog(url: string): string {
  return (url.split('?')[0] ?? '').replace(/\d{9,}/g, (digits) => `[${digits.length} chữ số]`);
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
