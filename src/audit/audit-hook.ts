import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditWriter } from './audit-writer.js';
import { AUDITED_READS, type AuditEntry, CHANGING_METHODS } from './model.js';

/** Login and logout are the authentication module's own record. */
const NOT_A_CHANGE = new Set(['/api/auth/login', '/api/auth/logout']);

function entryOf(request: FastifyRequest, statusCode: number): AuditEntry | null {
  const actor = request.actor;
  if (!actor || statusCode >= 400) return null;
  const route = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, string>;
  const dossierCode = route.startsWith('/api/dossiers/:code') ? (params.code ?? null) : null;
  const base = {
    actor: { id: actor.id, role: actor.role, agencyCode: actor.agencyCode },
    dossierCode,
    requestId: String(request.id),
  };
  const readPurpose = AUDITED_READS[`${request.method} ${route}`];
  if (readPurpose) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    // What was looked for or printed, so that a search for someone's identity number can be traced.
    const detail = { ...query, ...(params.form ? { form: params.form } : {}) };
    return { ...base, kind: 'read', purpose: readPurpose, detail };
  }
  if (CHANGING_METHODS.includes(request.method) && actor.role !== 'citizen' && !NOT_A_CHANGE.has(route)) {
    const operation = (request.routeOptions.schema as { operationId?: string } | undefined)?.operationId;
    return { ...base, kind: 'change', purpose: operation ?? route, detail: { route, params } };
  }
  return null;
}

/** After each answer: every read of personal data and every officer's change goes to the trail. */
export function registerAuditTrail(app: FastifyInstance, writer: AuditWriter): void {
  app.addHook('onResponse', async (request, reply) => {
    const entry = entryOf(request, reply.statusCode);
    if (entry) await writer.record(entry);
  });
  app.addHook('onClose', () => writer.flush());
}
