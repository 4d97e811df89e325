import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesWithoutPolicy } from '../src/auth/route-policy.js';
import { type TestApp, testApp } from './helpers.js';

interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

describe('the route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await t.app.ready();
  });
  afterAll(() => t.close());

  it('every route declares who may call it', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(40);
    expect(routesWithoutPolicy(t.app.routeTable)).toEqual([]);
  });

  it('names the routes that declare no policy', () => {
    const [first, ...rest] = t.app.routeTable;
    if (!first) throw new Error('empty route table');
    const stripped = { ...first, options: { ...first.options, config: {} } };
    expect(routesWithoutPolicy([stripped, ...rest])).toEqual([`${first.method} ${first.url}`]);
  });

  it('describes every API operation for clients: operationId, summary, security and its 4xx answers', () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.operationId) problems.push(`${where}: no operationId`);
        else if (ids.has(operation.operationId)) problems.push(`${where}: operationId used twice`);
        else ids.add(operation.operationId);
        if (!operation.summary) problems.push(`${where}: no summary`);
        if (!Array.isArray(operation.security)) problems.push(`${where}: no security`);
        // An operation that takes input or a session can be refused; it must say how.
        const refusable =
          (operation.parameters?.length ?? 0) > 0 ||
          operation.requestBody ||
          (operation.security?.length ?? 0) > 0;
        const statuses = Object.keys(operation.responses ?? {});
        if (refusable && !statuses.some((status) => status.startsWith('4')))
          problems.push(`${where}: no 4xx response`);
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(40);
  });

  it('signed-in operations list the bearer and cookie schemes and answer 401; public ones need nothing', () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const queue = document.paths['/api/queue']?.get;
    expect(queue?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(Object.keys(queue?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    expect(document.paths['/api/track/{code}']?.get?.security).toEqual([]);
  });

  it('refuses a route registered without a policy (fail closed)', async () => {
    const other = await testApp();
    try {
      other.app.get('/api/undeclared', async () => ({ secret: true }));
      const response = await other.app.inject({ url: '/api/undeclared' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
      expect(routesWithoutPolicy(other.app.routeTable)).toEqual([
        'GET /api/undeclared',
        'HEAD /api/undeclared',
      ]);
    } finally {
      await other.close();
    }
  });
});
