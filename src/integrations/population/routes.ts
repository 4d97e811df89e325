import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../auth/authenticate.js';
import { signedIn } from '../../auth/route-policy.js';
import type { Database } from '../../db/schema.js';
import { errorResponse } from '../../shared/api-schemas.js';
import { lookupCitizen } from './lookup-citizen.js';
import { LOOKUP_PURPOSES } from './model.js';
import { POPULATION_LOOKUP_ROLES } from './policy.js';
import type { PopulationRegistry } from './port.js';

export interface PopulationRouteDeps {
  db: Kysely<Database>;
  /** Null when no population database is configured: every lookup answers "unavailable". */
  population: PopulationRegistry | null;
}

const requestId = z.string();
const message = z.string();
const lookupResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('found'),
    requestId,
    citizen: z.object({
      fullName: z.string(),
      birthDate: z.string(),
      sex: z.enum(['male', 'female']),
      permanentAddress: z.string(),
    }),
    /** When the registry answered: the form marks what it filled with this, the registry and the request id. */
    answeredAt: z.string(),
  }),
  z.object({ kind: z.literal('not_found'), requestId, message }),
  z.object({
    kind: z.literal('refused'),
    requestId,
    reason: z.enum(['consent_required', 'not_permitted']),
    message,
  }),
  z.object({
    kind: z.literal('unavailable'),
    requestId,
    reason: z.enum(['timeout', 'down', 'rate_limited']),
    message,
  }),
]);

export function populationRoutes(deps: PopulationRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/population/lookups',
      {
        config: { policy: signedIn(POPULATION_LOOKUP_ROLES) },
        schema: {
          tags: ['integrations'],
          operationId: 'lookupCitizen',
          summary:
            'Tra cứu một người trong Cơ sở dữ liệu quốc gia về dân cư để điền sẵn (cần sự đồng ý và mục đích; mọi lần tra cứu được ghi nhật ký)',
          body: z.object({
            idNumber: z.string().max(12),
            purpose: z.enum(LOOKUP_PURPOSES),
            consent: z.object({
              given: z.boolean(),
              method: z.enum(['counter_form', 'portal_checkbox', 'vneid']).optional(),
            }),
          }),
          response: { 200: lookupResultSchema, 400: errorResponse },
        },
      },
      async (request) =>
        lookupCitizen(
          { db: deps.db, registry: deps.population },
          { ...request.body, actor: actorOf(request) },
        ),
    );
  };
}
