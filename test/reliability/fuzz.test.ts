import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, birthForm, Desk } from '../dossier-fixtures.js';
import { type TestApp, testApp } from '../helpers.js';
import { FULL } from './stack.js';

const CASES = FULL ? 10_000 : 1_000;

/** Valid requests the fuzzer starts from before it mutates them, so that it gets past the first checks. */
const SEEDS: Record<string, unknown> = {
  'POST /api/dossiers': { procedureCode: '3.000333', channel: 'counter', applicant: applicant() },
  'POST /api/dossiers/:code/actions': { action: 'forward', version: 2, note: 'Chuyển xử lý' },
  'PUT /api/procedures/:code': { name: 'Thủ tục thử', timeLimit: { value: 3, unit: 'working_days' } },
  'POST /api/procedures/:code/publications': {
    kind: 'amend',
    decisionNumber: 'FZ-1',
    decisionDate: '2025-07-01',
    effectiveDate: '2025-07-01',
  },
  'POST /api/auth/login': { username: 'receiver', password: 'demo' },
  'POST /api/webhooks': { url: 'http://127.0.0.1:9/hook', kinds: ['receive'] },
};

/** Values that pass a field's first checks (lengths, shapes) for the nasty characters to reach deeper. */
const REALISTIC = [
  '000.00.01.H13-261201-0001',
  '000.31135.H13-261201-0002',
  'Nguyễn Thị Hồng Nhung',
  'nguyen van an',
  '2026-11-23',
  '000.00.05.H13',
  '092190012345',
  'receiver',
];
const NASTY = ['\u0000', '\ud800', '\udc00', '\uffff', "'", '%', '\\', '\u200b', 'e\u0301'];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '%00',
    '\u0000',
    '\ud800',
    '0000-01-01',
    '2026-02-30',
    '1e308',
    '-1',
    '9'.repeat(40),
    'Nguyễn',
  ),
  fc
    .tuple(fc.constantFrom(...REALISTIC), fc.constantFrom(...NASTY), fc.nat())
    .map(
      ([value, bad, at]) =>
        value.slice(0, at % (value.length + 1)) + bad + value.slice(at % (value.length + 1)),
    ),
);

/** A value shaped like JSON, sometimes nasty (lone surrogates, huge numbers, deep nesting). */
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  text,
  fc.constantFrom(1e308, -1e308, -1, 0, 2 ** 53, 1.5, null, true),
  fc.array(text, { maxLength: 5 }),
);

/** A path segment; a lone surrogate cannot be percent-encoded, so it is sent as the invalid UTF-8 of one. */
function encode(segment: string): string {
  try {
    return encodeURIComponent(segment);
  } catch {
    return '%ED%A0%80';
  }
}

/** A seed with one part replaced, removed or added. */
function mutated(seed: unknown) {
  return fc.tuple(fc.nat(), json, fc.constantFrom('replace', 'remove', 'add')).map(([pick, value, how]) => {
    const copy = structuredClone(seed) as Record<string, unknown>;
    const paths: string[][] = [];
    const walk = (node: unknown, trail: string[]) => {
      if (node && typeof node === 'object')
        for (const [key, child] of Object.entries(node)) {
          paths.push([...trail, key]);
          walk(child, [...trail, key]);
        }
    };
    walk(copy, []);
    const path = paths[pick % Math.max(paths.length, 1)] ?? [];
    let parent: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const last = path.at(-1) ?? 'extra';
    if (how === 'remove') delete parent[last];
    else if (how === 'add') parent[`${last}_extra`] = value;
    else parent[last] = value;
    return copy;
  });
}

/**
 * Fuzz: every API route of the route table with property-based paths, queries and bodies, as anonymous, a
 * citizen and officers. No answer may be a 5xx, and a refused request must change nothing (row counts of the
 * tables a request could write, before and after).
 */
describe(`fuzz: ${CASES} random requests over the route table`, () => {
  let t: TestApp;
  let desk: Desk;
  const tokens: (string | null)[] = [null];
  let dossierCode = '';

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    for (const username of ['citizen', 'receiver', 'processor.stp', 'agency_head.stp', 'controller', 'admin'])
      tokens.push(await desk.token(username));
    const online = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
    });
    dossierCode = online.json().code;
  });
  afterAll(() => t.close());

  async function counts(): Promise<string> {
    const result = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM dossiers) d, (SELECT count(*) FROM dossier_events) e,
              (SELECT count(*) FROM procedure_versions) v, (SELECT count(*) FROM procedure_publications) p,
              (SELECT count(*) FROM processes) pr, (SELECT count(*) FROM calendar_year_history) c,
              (SELECT count(*) FROM webhook_subscriptions) w, (SELECT count(*) FROM outbox_messages) o,
              (SELECT count(*) FROM idempotency_keys) i, (SELECT count(*) FROM dossier_consultations) dc`,
    );
    return JSON.stringify(result.rows[0]);
  }

  it(
    'never answers 5xx and never writes half of a refused request',
    async () => {
      await t.app.ready();
      const routes = t.app.routeTable.filter(
        (r) =>
          r.url.startsWith('/api/') &&
          !r.url.startsWith('/api/docs') &&
          r.method !== 'HEAD' &&
          r.url !== '/api/auth/logout',
      );
      expect(routes.length).toBeGreaterThan(35);
      const failures: string[] = [];
      let writes = 0;
      const request = fc.record({
        route: fc.constantFrom(...routes),
        params: fc.array(fc.oneof(text, fc.constant(dossierCode), fc.constant('3.000333')), {
          minLength: 3,
          maxLength: 3,
        }),
        query: fc.dictionary(
          fc.constantFrom(
            'q',
            'page',
            'pageSize',
            'from',
            'to',
            'year',
            'agency',
            'status',
            'scope',
            'month',
            'x',
          ),
          text,
          {
            maxKeys: 4,
          },
        ),
        body: fc.oneof(
          json,
          mutated(SEEDS['POST /api/dossiers']),
          mutated(SEEDS['POST /api/dossiers/:code/actions']),
        ),
        seeded: fc.boolean(),
        token: fc.constantFrom(...tokens),
        key: fc.option(fc.string({ minLength: 8, maxLength: 20 }), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(request, async (c) => {
          let index = 0;
          const url = c.route.url.replace(/:[a-z]+|\*/gi, () => encode(c.params[index++] ?? 'x'));
          const seedKey = `${c.route.method} ${c.route.url}`;
          const body = c.seeded && SEEDS[seedKey] ? await fc.sample(mutated(SEEDS[seedKey]), 1)[0] : c.body;
          const write = c.route.method !== 'GET';
          const before = write ? await counts() : '';
          const options: InjectOptions = {
            method: c.route.method as 'GET',
            url: `${url}?${new URLSearchParams(c.query).toString()}`,
            headers: {
              ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
              ...(c.key ? { 'idempotency-key': c.key } : {}),
            },
            ...(write ? { payload: body as object } : {}),
          };
          const response = await t.app.inject(options);
          if (response.statusCode >= 500)
            failures.push(
              `${options.method} ${options.url} → ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
          if (write) {
            writes++;
            if (response.statusCode >= 400 && (await counts()) !== before)
              failures.push(`${options.method} ${options.url} → ${response.statusCode} but rows changed`);
          }
        }),
        { numRuns: CASES },
      );
      process.stdout.write(`fuzz: ${CASES} requests (${writes} writes), ${failures.length} failures\n`);
      expect(failures.slice(0, 20)).toEqual([]);
    },
    FULL ? 3_600_000 : 600_000,
  );
});
