import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `vite build` writes the web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The web app's page (served for every page path), or null when the app is not built. */
export function webAppPage(root = WEB_DIST): Buffer | null {
  const file = `${root}/index.html`;
  return existsSync(file) ? readFileSync(file) : null;
}

/**
 * Serves the built web app at `/`: hashed assets are cached for a year, every other page path gets
 * index.html so the client router can take over. API paths keep their JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}

/** True when a request that matched no route should get the web app's page instead of a JSON 404. */
export function wantsWebPage(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = url.split('?')[0] ?? '';
  // Page paths may contain dots (procedure codes such as /thu-tuc/1.001193); built files live under /assets/.
  return !path.startsWith('/api/') && path !== '/api' && path !== '/healthz' && !path.startsWith('/assets/');
}
