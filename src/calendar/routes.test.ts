import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestApp, testApp, tokenFor } from '../../test/helpers.js';

describe('calendar API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('computes a legal period across Tết 2025', async () => {
    const response = await get('/api/calendar/due?from=2025-01-24T09:00:00%2B07:00&workingDays=5');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      due: '2025-02-07T17:00:00+07:00',
      dueDate: '2025-02-07',
      receivedOn: '2025-01-24',
      rule: 'working_days',
      source: 'announced',
    });
  });

  it('reads an instant without offset as Vietnam time, and handles hours, fractions and same-day', async () => {
    expect((await get('/api/calendar/due?from=2026-11-23T10:00&workingHours=4')).json()).toMatchObject({
      due: '2026-11-23T15:30:00+07:00',
      rule: 'working_time',
    });
    expect((await get('/api/calendar/due?from=2026-11-23T07:00&workingDays=0.5')).json()).toMatchObject({
      due: '2026-11-23T11:15:00+07:00',
    });
    expect((await get('/api/calendar/due?from=2026-11-23T15:30&workingDays=0')).json()).toMatchObject({
      due: '2026-11-24T17:00:00+07:00',
      rule: 'same_day',
    });
    expect(
      (await get('/api/calendar/due?from=2026-11-23T07:00&workingHours=112&hoursPerDay=8')).json(),
    ).toMatchObject({
      due: '2026-12-10T17:00:00+07:00',
    });
  });

  it('uses the office hours of the agency asked for', async () => {
    await t.db.pool.query('UPDATE agencies SET office_hours = $1 WHERE code = $2', [
      JSON.stringify({
        sessions: [
          { start: '07:30', end: '11:30' },
          { start: '13:30', end: '17:30' },
        ],
        cutoff: '15:00',
      }),
      '000.00.16.H13',
    ]);
    const answer = (
      await get('/api/calendar/due?from=2026-11-23T09:00&workingDays=5&agency=000.00.16.H13')
    ).json();
    expect(answer).toMatchObject({ due: '2026-11-30T17:30:00+07:00' });
    expect(
      (await get('/api/calendar/due?from=2026-11-23T09:00&workingDays=5&agency=000.00.98.H13')).statusCode,
    ).toBe(404);
  });

  it('answers 400 with the failing field for bad input', async () => {
    const cases: [string, string][] = [
      ['/api/calendar/due?from=yesterday&workingDays=5', 'querystring.from'],
      ['/api/calendar/due?from=2026-02-30T09:00&workingDays=5', 'querystring.from'],
      ['/api/calendar/due?from=2026-11-23T09:00', 'querystring.workingDays'],
      ['/api/calendar/due?from=2026-11-23T09:00&workingDays=1&workingHours=2', 'querystring.workingDays'],
      ['/api/calendar/due?from=2026-11-23T09:00&workingDays=-1', 'querystring.workingDays'],
      ['/api/calendar/days?year=20x6', 'querystring.year'],
    ];
    for (const [url, field] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.fields[0].field, url).toBe(field);
    }
  });

  it('lists non-working weekdays and make-up days with reason and source', async () => {
    const body = (await get('/api/calendar/days?year=2026')).json();
    expect(body.source).toBe('announced');
    expect(body.items).toContainEqual(
      expect.objectContaining({ date: '2026-01-10', working: true, source: 'announced' }),
    );
    expect(body.items).toContainEqual(
      expect.objectContaining({
        date: '2026-02-16',
        working: false,
        reason: expect.stringContaining('Tết Nguyên đán'),
      }),
    );
    const statutory = (await get('/api/calendar/days?year=2031')).json();
    expect(statutory.source).toBe('statutory');
    expect(statutory.items.every((i: { source: string }) => i.source === 'statutory')).toBe(true);
  });

  describe('announced schedules', () => {
    const schedule2032 = {
      breaks: [{ from: '2032-02-09', to: '2032-02-15', name: 'Tết Nguyên đán Nhâm Tý (thử nghiệm)' }],
      makeupWorkdays: [{ date: '2032-02-21', replaces: '2032-02-09' }],
    };

    it('lets a controller set a year; the calendar follows at once and history is kept', async () => {
      const before = (await get('/api/calendar/due?from=2032-02-20T09:00&workingDays=1')).json();
      expect(before.source).toBe('statutory');
      const token = await tokenFor(t.app, 'controller');
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/years/2032',
        headers: bearer(token),
        payload: schedule2032,
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().source).toBe('announced');
      const after = (await get('/api/calendar/due?from=2032-02-20T09:00&workingDays=1')).json();
      expect(after).toMatchObject({ due: '2032-02-21T17:00:00+07:00', source: 'announced' });

      const changed = { ...schedule2032, makeupWorkdays: [] };
      await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/years/2032',
        headers: bearer(token),
        payload: changed,
      });
      const year = (await get('/api/calendar/years/2032')).json();
      expect(year.history).toHaveLength(2);
      expect(year.updatedBy).toBe('controller');
      expect(year.history[1].schedule.makeupWorkdays).toHaveLength(1);
    });

    it('refuses anonymous users and officers who are not controllers, changing nothing', async () => {
      const payload = { breaks: [{ from: '2033-01-03', to: '2033-01-03', name: 'Nghỉ thử' }] };
      const anonymous = await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2033', payload });
      expect(anonymous.statusCode).toBe(401);
      for (const username of ['receiver', 'agency_head.stp', 'processor.ninhkieu', 'citizen']) {
        const response = await t.app.inject({
          method: 'PUT',
          url: '/api/calendar/years/2033',
          headers: bearer(await tokenFor(t.app, username)),
          payload,
        });
        expect(response.statusCode, username).toBe(403);
      }
      expect((await get('/api/calendar/years/2033')).json()).toMatchObject({
        source: 'statutory',
        history: [],
      });
    });

    it('rejects an invalid schedule with Vietnamese reasons per field, changing nothing', async () => {
      const token = await tokenFor(t.app, 'admin');
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/years/2034',
        headers: bearer(token),
        payload: {
          breaks: [
            { from: '2033-12-30', to: '2034-01-01', name: 'Sai năm' },
            { from: '2034-05-02', to: '2034-04-30', name: 'Ngược' },
          ],
          makeupWorkdays: [{ date: '2034-03-01' }],
        },
      });
      expect(response.statusCode).toBe(400);
      const fields = response.json().error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(['breaks.0.from', 'breaks.1.to', 'makeupWorkdays.0.date']);
      expect(response.json().error.fields[2].message).toBe('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật');
      expect((await get('/api/calendar/years/2034')).json().history).toEqual([]);
      const malformed = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/years/2034',
        headers: bearer(token),
        payload: { breaks: [{ from: '2034-13-01', to: '2034-01-02' }] },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['body.breaks.0.from', 'body.breaks.0.name']),
      );
    });
  });
});
