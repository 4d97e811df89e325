import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, Desk, STP } from '../../test/dossier-fixtures.js';
import { bearer, type TestApp, type TestClock, testApp } from '../../test/helpers.js';

describe('on-time rate per agency', () => {
  const clock: TestClock = { now: Date.parse('2029-03-05T09:00:00+07:00') };
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await testApp({ clock });
    desk = new Desk(t.app);
  });
  afterAll(() => t.close());

  async function finish(when: string) {
    clock.now = Date.parse('2029-03-05T09:00:00+07:00');
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant(),
    });
    const code = created.json().code as string;
    await desk.ok('receiver', code, { action: 'forward' });
    await desk.ok('processor.stp', code, { action: 'forward' });
    await desk.ok('agency_head.stp', code, { action: 'approve' });
    await desk.ok('clerk.stp', code, { action: 'sign' });
    clock.now = Date.parse(`${when}+07:00`);
    return desk.ok('clerk.stp', code, { action: 'issue_result' });
  }

  it('counts early and on-time dossiers over the finished ones, per handling agency', async () => {
    // 3.000333: 10 calendar days → due Fri 15/3/2029.
    expect((await finish('2029-03-06T10:00:00')).timeliness).toBe('early');
    expect((await finish('2029-03-15T16:00:00')).timeliness).toBe('on_time');
    expect((await finish('2029-03-19T10:00:00')).timeliness).toBe('late');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/indicators/on-time?from=2029-03-01&to=2029-03-31',
      headers: bearer(await desk.token('controller')),
    });
    expect(response.json().items).toEqual([
      { agency: STP, name: 'Sở Tư pháp', finished: 3, onTime: 2, late: 1, rate: 66.67 },
    ]);
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/indicators/on-time?from=2029-03-01&to=2029-03-31&agency=000.00.07.H13',
      headers: bearer(await desk.token('processor.stp')),
    });
    expect(own.json().items.map((i: { agency: string }) => i.agency)).toEqual([STP]);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/indicators/on-time?from=2029-03-01&to=2029-03-31',
      headers: bearer(await desk.token('processor.ninhkieu')),
    });
    expect(other.json()).toEqual({ items: [], total: 0 });
    const citizen = await t.app.inject({
      method: 'GET',
      url: '/api/indicators/on-time?from=2029-03-01&to=2029-03-31',
      headers: bearer(await desk.token('citizen')),
    });
    expect(citizen.statusCode).toBe(403);
  });
});
