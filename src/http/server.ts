import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuditTrail } from '../audit/audit-hook.js';
import { AuditWriter } from '../audit/audit-writer.js';
import { auditRoutes } from '../audit/routes.js';
import { accountRoutes } from '../auth/account-routes.js';
import { identityRoutes } from '../auth/identity/identity-routes.js';
import { schedulePurge } from '../auth/purge-sessions.js';
import { declareScopePolicy, PUBLIC, type RouteEntry, registerRoutePolicies } from '../auth/route-policy.js';
import { authRoutes } from '../auth/routes.js';
import { SessionCache } from '../auth/session-cache.js';
import { type AuthSettings, DEFAULT_AUTH_SETTINGS } from '../auth/settings.js';
import { calendarRoutes } from '../calendar/routes.js';
import { findAgency } from '../catalog/agency-store.js';
import { contentRoutes } from '../catalog/content-routes.js';
import { draftRoutes } from '../catalog/draft-routes.js';
import { catalogRoutes } from '../catalog/routes.js';
import { ChangeFeed } from '../db/change-feed.js';
import { databaseAnswers } from '../db/connection.js';
import { documentRoutes } from '../documents/routes.js';
import { readableDossier } from '../dossiers/act.js';
import { linkDossiersToAccount } from '../dossiers/link-account.js';
import { dossierRoutes } from '../dossiers/routes.js';
import { open311KeyRoutes, open311Routes } from '../feedback/open311/routes.js';
import { feedbackRoutes } from '../feedback/routes.js';
import { indicatorRoutes } from '../indicators/routes.js';
import { notificationRoutes } from '../integrations/notifications/routes.js';
import { populationRoutes } from '../integrations/population/routes.js';
import { webhookRoutes } from '../integrations/webhooks/routes.js';
import { outboxRoutes } from '../outbox/routes.js';
import { ratingRoutes } from '../ratings/routes.js';
import { errorResponse } from '../shared/api-schemas.js';
import { workflowRoutes } from '../workflow/routes.js';
import { forgetOnChange } from './change-subscriptions.js';
import type { AppContext } from './context.js';
import { registerErrorHandling } from './error-handler.js';
import { registerInputHygiene } from './input-hygiene.js';
import { logSignedInUser, requestForLog } from './log-privacy.js';
import { registerMetrics } from './metrics.js';
import { documentPolicy } from './openapi.js';
import { DEFAULT_SECURITY, registerSecurity, type SecurityOptions, type TrustProxy } from './security.js';
import { registerWebApp, webAppPage } from './web-app.js';

z.config(z.locales.vi());

export interface ServerOptions {
  logLevel: string;
  /** The built web app (defaults to web/dist). */
  webRoot?: string;
  /** Login limits and session lifetimes (defaults: DEFAULT_AUTH_SETTINGS). */
  auth?: AuthSettings;
  /** Fastify's trustProxy (see MOTCUA_TRUST_PROXY); off by default. */
  trustProxy?: TrustProxy;
  /** Where log lines go (standard output unless a test captures them). */
  logStream?: { write(line: string): void };
  /** Rate limits and allowed origins; the configuration's defaults when absent. */
  security?: Partial<SecurityOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the policy it declared (the authorisation tests enumerate it). */
    routeTable: RouteEntry[];
  }
}

export async function buildServer(ctx: AppContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      serializers: { req: requestForLog },
    },
    bodyLimit: 1_048_576,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerInputHygiene(app);
  // What this process keeps in memory (sessions, reference data) is dropped when another process announces a
  // change; the feed's own connection is separate from the pool.
  const auth = options.auth ?? DEFAULT_AUTH_SETTINGS;
  const sessions = new SessionCache(auth.sessionIdleMinutes, ctx.now);
  const changes = new ChangeFeed(ctx.pool.options);
  changes.onChange(forgetOnChange(sessions, ctx.clocks));
  await changes.start();
  app.addHook('onClose', () => changes.stop());
  const stopPurge = schedulePurge(ctx.db, auth, ctx.now, (error) =>
    app.log.warn({ err: error }, 'session purge failed'),
  );
  app.addHook('onClose', async () => stopPurge());
  // Cookies first: the policy hook reads the session cookie.
  await app.register(cookie);
  await registerSecurity(app, ctx.publicUrl, { ...DEFAULT_SECURITY, ...options.security });
  // Uploads stream through; each route reads at most the configured file size (one byte more tells it the
  // file is too big).
  await app.register(multipart, {
    limits: {
      fileSize: ctx.documents.limits.maxBytes + 1,
      files: 1,
      fields: 10,
      fieldSize: 1024,
      parts: 12,
      headerPairs: 50,
    },
  });
  app.decorate('routeTable', registerRoutePolicies(app, ctx.db, sessions));
  logSignedInUser(app);
  registerAuditTrail(
    app,
    new AuditWriter(ctx.db, (error) => app.log.error({ err: error.name }, 'audit trail not written')),
  );
  app.addHook('onRoute', documentPolicy);
  const metricsRoute = registerMetrics(app, { db: ctx.db, token: ctx.metricsToken ?? null, now: ctx.now });
  const webPage = webAppPage(options.webRoot);
  if (webPage) {
    await app.register(async (scope) => {
      declareScopePolicy(scope, PUBLIC);
      await registerWebApp(scope, options.webRoot);
    });
  } else {
    app.log.warn('web app not built; run npm run build:web');
  }
  registerErrorHandling(app, { webPage });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        description:
          'Hệ thống thông tin giải quyết thủ tục hành chính một cửa — one-stop administrative-procedure API',
        version: '0.1.0',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: ctx.publicUrl, description: 'Cổng dịch vụ công này (this portal)' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'motcua_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    declareScopePolicy(scope, PUBLIC);
    await scope.register(swaggerUi, { routePrefix: '/api/docs' });
    scope.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });

  app.get(
    '/healthz',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['operations'],
        operationId: 'health',
        summary: 'Trạng thái hoạt động (200 chỉ khi cơ sở dữ liệu trả lời)',
        response: {
          200: z.object({ status: z.literal('ok') }),
          400: errorResponse,
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) => {
      if (await databaseAnswers(ctx.pool)) return { status: 'ok' as const };
      return reply.status(503).send({ status: 'unavailable' as const });
    },
  );

  await app.register(catalogRoutes(ctx));
  await app.register(contentRoutes(ctx));
  await app.register(draftRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(authRoutes({ ...ctx, sessions, auth, identity: ctx.identity ?? null }));
  await app.register(
    identityRoutes({
      ...ctx,
      auth,
      identity: ctx.identity ?? null,
      afterSignIn: (account) => linkDossiersToAccount(ctx.db, account, ctx.now()),
    }),
  );
  await app.register(
    accountRoutes({ ...ctx, sessions, auth, agencies: { agency: (code) => findAgency(ctx.db, code) } }),
  );
  await app.register(workflowRoutes(ctx));
  await app.register(dossierRoutes(ctx));
  await app.register(
    documentRoutes({
      ...ctx,
      canReadDossier: (actor, code) =>
        readableDossier(ctx.db, actor, code).then(
          () => true,
          () => false,
        ),
    }),
  );
  await app.register(indicatorRoutes(ctx));
  await app.register(outboxRoutes(ctx));
  await app.register(webhookRoutes(ctx));
  await app.register(metricsRoute);
  await app.register(notificationRoutes(ctx));
  await app.register(populationRoutes({ db: ctx.db, population: ctx.population ?? null }));
  await app.register(feedbackRoutes(ctx));
  await app.register(open311Routes(ctx));
  await app.register(open311KeyRoutes(ctx));
  await app.register(ratingRoutes(ctx));
  await app.register(auditRoutes(ctx));
  return app;
}
