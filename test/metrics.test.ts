import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsumer } from '../src/outbox/store.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp, tokenFor } from './helpers.js';
import { counterDossier } from './integration-fixtures.js';

const TOKEN = 'scrape-token-0123456789abcdef';

/** The value of one series in a Prometheus text exposition (undefined when absent). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics and the daily outbox counts', () => {
  let t: TestApp;
  let desk: Desk;
  const scrape = async (authorization = `Bearer ${TOKEN}`) =>
    t.app.inject({ url: '/metrics', headers: { authorization } });

  beforeAll(async () => {
    t = await testApp({ metricsToken: TOKEN });
    desk = new Desk(t.app);
    await registerConsumer(t.db.kysely, {
      name: 'metrics-probe',
      handler: 'metrics-probe',
      topic: 'dossier',
      kinds: null,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a scrape without the configured token, and an administrator’s session is not that token', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await scrape('Bearer wrong-token-0123456789abcdef')).statusCode).toBe(401);
    const admin = bearer(await tokenFor(t.app, 'admin')).authorization;
    expect((await scrape(admin)).statusCode).toBe(401);
  });

  it('counts requests per route pattern with their latency, and reports the outbox lag, deliveries and failures per consumer', async () => {
    const code = await counterDossier(desk, 1);
    for (let i = 0; i < 3; i += 1) await t.app.inject({ url: `/api/track/${code}` });
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const first = await scrape();
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/plain');
    const text = first.body;
    // One series for the route pattern, whatever the dossier code.
    expect(
      sample(text, 'motcua_http_requests_total{method="GET",route="/api/track/:code",status="200"}'),
    ).toBe(3);
    expect(text).not.toContain(code);
    expect(
      sample(
        text,
        'motcua_http_request_duration_seconds_count{method="GET",route="/api/track/:code",status="200"}',
      ),
    ).toBe(3);
    expect(sample(text, 'motcua_http_requests_total{method="POST",route="/api/dossiers",status="201"}')).toBe(
      1,
    );
    // Two events (intake, forward) wait for the probe consumer: the older is more than a second old.
    expect(
      sample(text, 'motcua_outbox_deliveries{topic="dossier",consumer="metrics-probe",status="pending"}'),
    ).toBe(2);
    expect(
      sample(text, 'motcua_outbox_lag_seconds{topic="dossier",consumer="metrics-probe"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'motcua_outbox_failed_attempts{topic="dossier",consumer="metrics-probe"}')).toBe(0);
    expect(text).toContain('motcua_process_resident_memory_bytes');

    // The probe fails the first message once, then takes everything: the failure is counted, the lag gone.
    let failed = false;
    const worker = new OutboxWorker(
      t.db.kysely,
      {
        'metrics-probe': {
          async deliver() {
            if (failed) return { ok: true };
            failed = true;
            return { ok: false, error: 'probe refuses once' };
          },
        },
      },
      { pollMs: 10, backoff: { baseMs: 10, maxMs: 20 } },
    );
    worker.start();
    const drained = async () =>
      sample(
        (await scrape()).body,
        'motcua_outbox_deliveries{topic="dossier",consumer="metrics-probe",status="delivered"}',
      ) === 2;
    const deadline = Date.now() + 20_000;
    while (!(await drained()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    const after = (await scrape()).body;
    expect(
      sample(after, 'motcua_outbox_deliveries{topic="dossier",consumer="metrics-probe",status="delivered"}'),
    ).toBe(2);
    expect(
      sample(after, 'motcua_outbox_deliveries{topic="dossier",consumer="metrics-probe",status="pending"}'),
    ).toBe(0);
    expect(sample(after, 'motcua_outbox_lag_seconds{topic="dossier",consumer="metrics-probe"}')).toBe(0);
    expect(sample(after, 'motcua_outbox_failed_attempts{topic="dossier",consumer="metrics-probe"}')).toBe(1);

    // The operations page's daily counts say the same for today (Vietnam time).
    const daily = await t.app.inject({
      url: '/api/outbox/daily?days=7',
      headers: bearer(await tokenFor(t.app, 'admin')),
    });
    expect(daily.statusCode).toBe(200);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(daily.json().items).toContainEqual({
      consumer: 'metrics-probe',
      day: today,
      sent: 2,
      failed: 1,
      pending: 0,
      dead: 0,
    });
  });
});
