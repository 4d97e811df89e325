import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestApp, testApp, tokenFor } from '../../test/helpers.js';

const STP = '000.00.05.H13';
const NINH_KIEU = '000.31135.H13';
const hours = {
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:30' },
  ],
  cutoff: '16:00',
};

describe('agency office hours', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  const put = (code: string, payload: unknown, token?: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/agencies/${code}/office-hours`,
      payload: payload as object,
      headers: token ? bearer(token) : {},
    });

  it('lets the head of the agency set them, and deadlines follow', async () => {
    const response = await put(NINH_KIEU, hours, await tokenFor(t.app, 'agency_head.ninhkieu'));
    expect(response.statusCode).toBe(200);
    expect(response.json().officeHours).toEqual(hours);
    const due = await t.app.inject({
      method: 'GET',
      url: `/api/calendar/due?from=2026-11-23T15:30&workingDays=0&agency=${NINH_KIEU}`,
    });
    expect(due.json()).toMatchObject({ due: '2026-11-23T17:30:00+07:00', rule: 'same_day' });
  });

  it('refuses the head of another agency, other roles and anonymous users', async () => {
    expect((await put(STP, hours)).statusCode).toBe(401);
    for (const username of ['agency_head.ninhkieu', 'receiver.stp', 'controller', 'citizen']) {
      expect((await put(STP, hours, await tokenFor(t.app, username))).statusCode, username).toBe(403);
    }
    const stored = await t.app.inject({ method: 'GET', url: `/api/agencies/${STP}` });
    expect(stored.json().officeHours).toBeNull();
  });

  it('rejects overlapping or inverted sessions', async () => {
    const token = await tokenFor(t.app, 'admin');
    const overlapping = await put(
      STP,
      {
        sessions: [
          { start: '07:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
      token,
    );
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().error.fields[0].message).toContain('chồng lên nhau');
    expect((await put(STP, { sessions: [{ start: '17:00', end: '07:00' }] }, token)).statusCode).toBe(400);
    expect((await put(STP, { sessions: [{ start: '25:00', end: '26:00' }] }, token)).statusCode).toBe(400);
    expect((await put('000.00.99.H13', hours, token)).statusCode).toBe(404);
  });
});
