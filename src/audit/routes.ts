import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../auth/authenticate.js';
import { ROLE_NAMES_VI, type Role } from '../auth/roles.js';
import { signedIn } from '../auth/route-policy.js';
import { usernames } from '../auth/store.js';
import { formatVnInstant } from '../calendar/dates.js';
import { agencyBriefs } from '../catalog/agency-store.js';
import type { Database } from '../db/schema.js';
import { readableDossier } from '../dossiers/act.js';
import { errorResponse, isoDate, listOf, pagination } from '../shared/api-schemas.js';
import { TRAIL_READERS, trailScopeOf } from './policy.js';
import { officerReadsOf, searchTrail } from './store.js';

export interface AuditRouteDeps {
  db: Kysely<Database>;
}

const code = z.string().min(10).max(60);

export function auditRoutes(ctx: AuditRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/dossiers/:code/access',
      {
        config: { policy: signedIn(['citizen'], 'dossier.read') },
        schema: {
          operationId: 'dossierAccessLog',
          tags: ['audit'],
          summary: 'Cơ quan nào đã xem hồ sơ của tôi và khi nào (người nộp hồ sơ)',
          params: z.object({ code }),
          response: {
            200: listOf(
              z.object({
                at: z.string(),
                agencyCode: z.string().nullable(),
                agencyName: z.string().nullable(),
                role: z.string(),
                roleName: z.string(),
                purpose: z.string(),
              }),
            ),
            404: errorResponse,
          },
        },
      },
      async (request) => {
        const row = await readableDossier(ctx.db, actorOf(request), request.params.code);
        const reads = await officerReadsOf(ctx.db, row.code);
        const agencies = await agencyBriefs(ctx.db, [
          ...new Set(reads.map((r) => r.actor_agency).filter((a): a is string => a !== null)),
        ]);
        const items = reads.map((r) => ({
          at: formatVnInstant(r.at.getTime()),
          agencyCode: r.actor_agency,
          agencyName: agencies.find((a) => a.code === r.actor_agency)?.name ?? null,
          role: r.actor_role,
          roleName: ROLE_NAMES_VI[r.actor_role as Role] ?? r.actor_role,
          purpose: r.purpose,
        }));
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/audit',
      {
        config: { policy: signedIn(TRAIL_READERS, 'audit.search') },
        schema: {
          operationId: 'searchAuditTrail',
          tags: ['audit'],
          summary:
            'Tra cứu nhật ký truy cập và thay đổi dữ liệu (cán bộ kiểm soát; cấp sở, xã chỉ thấy cơ quan mình)',
          querystring: z.object({
            dossier: code.optional(),
            actorId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
            kind: z.enum(['read', 'change']).optional(),
            from: isoDate('2020-01-01', '2100-12-31').optional(),
            to: isoDate('2020-01-01', '2100-12-31').optional(),
            ...pagination,
          }),
          response: {
            200: listOf(
              z.object({
                id: z.number(),
                at: z.string(),
                actorId: z.number().nullable(),
                /** The officer's login name (never a citizen's: their entries name no one). */
                actorUsername: z.string().nullable(),
                role: z.string(),
                roleName: z.string(),
                agencyCode: z.string().nullable(),
                kind: z.enum(['read', 'change']),
                purpose: z.string(),
                dossierCode: z.string().nullable(),
                requestId: z.string(),
                detail: z.record(z.string(), z.unknown()),
              }),
            ),
            400: errorResponse,
          },
        },
      },
      async (request) => {
        const { page, pageSize, dossier, actorId, kind, from, to } = request.query;
        const agency = trailScopeOf(actorOf(request));
        const { rows, total } = await searchTrail(ctx.db, {
          page,
          pageSize,
          ...(agency !== undefined ? { agency } : {}),
          ...(dossier ? { dossier } : {}),
          ...(actorId !== undefined ? { actorId } : {}),
          ...(kind ? { kind } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        });
        const names = await usernames(
          ctx.db,
          rows.filter((r) => r.actor_role !== 'citizen').map((r) => r.actor_id),
        );
        const items = rows.map((r) => ({
          id: Number(r.id),
          at: formatVnInstant(r.at.getTime()),
          actorId: r.actor_id,
          actorUsername:
            r.actor_role === 'citizen' || r.actor_id === null ? null : (names.get(r.actor_id) ?? null),
          role: r.actor_role,
          roleName: ROLE_NAMES_VI[r.actor_role as Role] ?? r.actor_role,
          agencyCode: r.actor_agency,
          kind: r.kind,
          purpose: r.purpose,
          dossierCode: r.dossier_code,
          requestId: r.request_id,
          detail: r.detail,
        }));
        return { items, total };
      },
    );
  };
}
