import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyClocks } from '../../src/catalog/agency-clocks.js';
import { generateProvince } from '../../src/generate/generate-province.js';
import { CENTRE, Desk } from '../dossier-fixtures.js';
import { bearer, type TestApp, testApp } from '../helpers.js';

/**
 * No request may stall the server: while the heaviest endpoints run side by side (a year's logbook PDF of the
 * provincial centre, forms, wide searches, queues, the indicator), the event loop never waits more than 250 ms.
 * Measured worst delays were 47–123 ms, the higher ones while other test files ran in parallel on 2 cores (the
 * operating system's scheduling shows up in the measure); a request that blocks, as the in-thread PDF did
 * (2,171 ms), is an order of magnitude above the bound.
 * The logbook used to block it for seconds (13.8 s at 6,900 dossiers); PDFs are now drawn on worker threads.
 */
describe('event-loop watchdog under the heaviest requests', () => {
  let t: TestApp;
  let desk: Desk;
  let year = 0;

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    const clock = await agencyClocks(t.db.kysely).clock();
    await generateProvince(t.db.kysely, t.db.pool, clock, {
      dossiers: 3_000,
      seed: 7,
      procedures: 200,
      citizens: 50,
      until: '2025-12-31',
    });
    const busiest = await t.db.pool.query(
      `SELECT extract(year FROM accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year, count(*)::int AS n
       FROM dossiers WHERE receiving_agency = $1 AND logbook_number IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      [CENTRE],
    );
    year = busiest.rows[0].year;
    expect(busiest.rows[0].n).toBeGreaterThan(300);
  }, 180_000);
  afterAll(() => t.close());

  it('keeps every event-loop delay under 250 ms', async () => {
    const controller = bearer(await desk.token('controller'));
    const receiver = bearer(await desk.token('receiver'));
    const codes = (await t.db.pool.query('SELECT code FROM dossiers ORDER BY id LIMIT 6')).rows.map(
      (r) => r.code,
    );
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = performance.now();
    const responses = await Promise.all([
      t.app.inject({ url: `/api/logbook.pdf?agency=${CENTRE}&year=${year}`, headers: controller }),
      t.app.inject({ url: `/api/logbook.pdf?agency=${CENTRE}&year=${year}`, headers: receiver }),
      ...codes.map((code) =>
        t.app.inject({ url: `/api/dossiers/${code}/forms/control-slip.pdf`, headers: controller }),
      ),
      t.app.inject({ url: '/api/dossiers?q=nguyen&pageSize=200', headers: controller }),
      t.app.inject({ url: '/api/dossiers?pageSize=200', headers: controller }),
      t.app.inject({ url: '/api/queue?scope=agency&pageSize=200', headers: receiver }),
      t.app.inject({
        url: `/api/indicators/on-time?from=${year}-01-01&to=${year}-12-31`,
        headers: controller,
      }),
    ]);
    histogram.disable();
    const elapsed = performance.now() - started;
    expect(responses.map((r) => r.statusCode).every((s) => s === 200)).toBe(true);
    expect(responses[0]?.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const worstMs = histogram.max / 1e6;
    process.stdout.write(
      `event loop: worst delay ${worstMs.toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms over ${elapsed.toFixed(0)} ms of heavy requests\n`,
    );
    expect(worstMs).toBeLessThan(250);
  }, 180_000);
});
