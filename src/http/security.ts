import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { AppError } from '../shared/errors.js';

/** The hardening a server is built with (from the environment in production; tests set their own). */
export interface SecurityOptions {
  /** Origins besides the public URL's and the request's own host that may send cookie-authenticated writes. */
  allowedOrigins: readonly string[];
  /** Per client IP per minute; 0 = no limit. */
  writesPerMinute: number;
  trackingPerMinute: number;
}

/** The defaults of src/config.ts, for servers built without a configuration (tests, the bench). */
export const DEFAULT_SECURITY: SecurityOptions = {
  allowedOrigins: [],
  writesPerMinute: 300,
  trackingPerMinute: 30,
};

export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/** Fastify's `trustProxy` from MOTCUA_TRUST_PROXY: a boolean, a number of hops, or a list of addresses. */
export function trustProxyOption(text: string): TrustProxy {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return text;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Login and logout are limited by the authentication module itself (per account and per IP). */
const OWN_LIMITS = new Set(['/api/auth/login', '/api/auth/logout']);
const TRACKING = /^\/api\/track\//;

type Bucket = 'write' | 'tracking';

function bucketOf(request: FastifyRequest): Bucket | null {
  const url = request.routeOptions.url ?? '';
  if (TRACKING.test(url)) return 'tracking';
  if (UNSAFE_METHODS.has(request.method) && !OWN_LIMITS.has(url)) return 'write';
  return null;
}

/**
 * Security headers on every answer: a content security policy with no inline script (the built web app loads
 * only its own files), no framing, no MIME sniffing, no referrer outside the portal (tracking codes live in
 * URLs), and HSTS only when the request came over TLS (HSTS on plain http would lock out a test install).
 */
async function registerHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React sets style attributes; styles cannot run code, scripts stay locked down.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}

/**
 * Per-IP limits on every write and on public tracking (sequential dossier codes invite guessing). The two
 * are counted apart, so reading one's dossier does not use up the budget for filing it.
 */
async function registerRateLimits(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const limits: Record<Bucket, number> = {
    write: options.writesPerMinute,
    tracking: options.trackingPerMinute,
  };
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    allowList: (request) => {
      const bucket = bucketOf(request);
      return bucket === null || limits[bucket] === 0;
    },
    keyGenerator: (request) => `${bucketOf(request)}:${request.ip}`,
    max: (request) => limits[bucketOf(request) ?? 'write'],
    errorResponseBuilder: () =>
      new AppError('RATE_LIMITED', 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.'),
    onExceeded: (request) => {
      request.log.warn({ ip: request.ip, route: request.routeOptions.url }, 'rate limit exceeded');
    },
  });
}

function originOf(value: string | undefined): string | null {
  if (!value || !URL.canParse(value)) return null;
  const origin = new URL(value).origin;
  return origin === 'null' ? null : origin;
}

/**
 * A cookie goes with every request the browser makes to us, whoever's page made it; SameSite=Strict already
 * keeps it off cross-site requests in current browsers, and this check stops the rest (older browsers,
 * same-site but other-origin pages). A cookie-authenticated write must come from one of our own pages: its
 * Origin (or, failing that, its Referer) must be the public URL, the host it was sent to, or a configured
 * origin. Bearer-token clients are not browsers riding on ambient credentials and are not checked.
 */
function registerSameOriginCheck(app: FastifyInstance, publicUrl: string, options: SecurityOptions): void {
  const configured = new Set([new URL(publicUrl).origin, ...options.allowedOrigins]);
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (request.headers.authorization || !request.cookies?.[SESSION_COOKIE]) return;
    const origin = originOf(request.headers.origin) ?? originOf(request.headers.referer);
    const own = originOf(`${request.protocol}://${request.host}`);
    if (origin !== null && (origin === own || configured.has(origin))) return;
    request.log.warn(
      { origin: origin ?? 'none', route: request.routeOptions.url },
      'cross-origin write refused',
    );
    throw new AppError(
      'CROSS_ORIGIN_REFUSED',
      'Yêu cầu không xuất phát từ trang của Cổng dịch vụ công nên không được thực hiện.',
    );
  });
}

/**
 * API answers are not to be kept by browsers or shared caches: most carry personal data (dossiers, PDFs,
 * search, exports) and the rest is cheap to ask again. A route that wants caching (the QR code) says so.
 */
function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}

/** Registered before the routes: hooks and the rate limiter apply to the routes registered after them. */
export async function registerSecurity(
  app: FastifyInstance,
  publicUrl: string,
  options: SecurityOptions,
): Promise<void> {
  await registerHeaders(app);
  await registerRateLimits(app, options);
  registerSameOriginCheck(app, publicUrl, options);
  registerNoStore(app);
}
