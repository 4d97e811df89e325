import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRE, NINH_KIEU, STP } from './dossier-fixtures.js';
import { bearer, type TestApp, type TestClock, testApp, tokenFor } from './helpers.js';

const GOOD_PASSWORD = 'sông hậu mùa nước nổi';

describe('officer accounts managed by administrators', () => {
  const clock: TestClock = { now: Date.now() };
  let t: TestApp;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await tokenFor(t.app, username));
    return bearer(tokens.get(username) ?? '');
  };

  beforeAll(async () => {
    t = await testApp({ clock });
  }, 60_000);
  afterAll(() => t.close());

  async function create(admin: string, body: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url: '/api/accounts', headers: await as(admin), payload: body });
  }

  async function patch(admin: string, username: string, body: Record<string, unknown>) {
    return t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${username}`,
      headers: await as(admin),
      payload: body,
    });
  }

  function reset(link: string, newPassword: string) {
    const token = link.split('#')[1] ?? '';
    return t.app.inject({ method: 'POST', url: '/api/auth/reset', payload: { token, newPassword } });
  }

  /** Creates an officer and sets their password through the link; returns their session token. */
  async function officer(admin: string, username: string, agencyCode: string, role = 'processor') {
    const created = await create(admin, { username, fullName: 'Phạm Minh Khoa', role, agencyCode });
    expect(created.statusCode, created.body).toBe(201);
    expect((await reset(created.json().link, GOOD_PASSWORD)).statusCode).toBe(204);
    return tokenFor(t.app, username, GOOD_PASSWORD);
  }

  const me = (token: string) => t.app.inject({ url: '/api/auth/me', headers: bearer(token) });

  it('creates an officer whose first password is set once through a link that expires', async () => {
    const created = await create('admin', {
      username: 'Moi.Tiepnhan',
      fullName: 'Đỗ Thu Trang',
      role: 'receiver',
      agencyCode: NINH_KIEU,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { link, username } = created.json();
    expect(username).toBe('moi.tiepnhan');
    expect(link).toMatch(/^https:\/\/dichvucong\.cantho\.example\/dat-mat-khau#[\w-]{43}$/);
    // Before the password is set, nobody can sign in (the account's password is random and unknown).
    const weak = await reset(link, 'moitiepnhan2026');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].field).toBe('newPassword');
    // A refused password leaves the link usable; a used link cannot be used again.
    expect((await reset(link, GOOD_PASSWORD)).statusCode).toBe(204);
    expect((await reset(link, `${GOOD_PASSWORD} nữa`)).statusCode).toBe(404);
    const token = await tokenFor(t.app, 'moi.tiepnhan', GOOD_PASSWORD);
    expect((await me(token)).json()).toMatchObject({ role: 'receiver', agencyCode: NINH_KIEU });
    // A second link, left unused past its 24 hours, is refused.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/moi.tiepnhan/reset-link',
      headers: await as('admin'),
    });
    expect(again.statusCode).toBe(201);
    clock.now += 25 * 3_600_000;
    expect((await reset(again.json().link, 'một mật khẩu hoàn toàn mới')).statusCode).toBe(404);
    clock.now = Date.now();
    tokens.clear();
  });

  it('refuses a taken username and a unit of another agency', async () => {
    const taken = await create('admin', {
      username: 'receiver',
      fullName: 'Ai Đó',
      role: 'receiver',
      agencyCode: CENTRE,
    });
    expect(taken.statusCode).toBe(409);
    const agency = await t.app.inject({ url: `/api/agencies/${STP}` });
    const stpUnit = agency.json().units[0].id as number;
    const wrongUnit = await create('admin', {
      username: 'sai.phong',
      fullName: 'Ai Đó',
      role: 'processor',
      agencyCode: NINH_KIEU,
      unitId: stpUnit,
    });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.fields[0].field).toBe('unitId');
  });

  it("applies a role change, a move and a disabling on the officer's very next request", async () => {
    const token = await officer('admin', 'doi.vai.tro', NINH_KIEU);
    expect((await me(token)).json().role).toBe('processor');
    expect((await patch('admin', 'doi.vai.tro', { role: 'unit_head' })).statusCode).toBe(200);
    expect((await me(token)).json().role).toBe('unit_head');
    const moved = await patch('admin', 'doi.vai.tro', { agencyCode: STP });
    expect(moved.json()).toMatchObject({ agencyCode: STP, unitId: null });
    expect((await me(token)).json().agencyCode).toBe(STP);
    expect((await patch('admin', 'doi.vai.tro', { active: false })).statusCode).toBe(200);
    expect((await me(token)).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'doi.vai.tro', password: GOOD_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('keeps a ward or department administrator to their own agency', async () => {
    await officer('admin', 'can.bo.tinh', CENTRE);
    await officer('admin.ninhkieu', 'can.bo.phuong', NINH_KIEU);
    // A ward's administrator may not manage a provincial officer, nor create one, nor list them.
    expect((await patch('admin.ninhkieu', 'can.bo.tinh', { role: 'clerk' })).statusCode).toBe(403);
    expect((await patch('admin.ninhkieu', 'processor', { active: false })).statusCode).toBe(403);
    const foreign = await create('admin.ninhkieu', {
      username: 'xam.nhap',
      fullName: 'Ai Đó',
      role: 'admin',
      agencyCode: CENTRE,
    });
    expect(foreign.statusCode).toBe(403);
    const list = await t.app.inject({
      url: `/api/accounts?agency=${CENTRE}`,
      headers: await as('admin.ninhkieu'),
    });
    expect(list.statusCode).toBe(403);
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/can.bo.tinh/reset-link',
      headers: await as('admin.ninhkieu'),
    });
    expect(link.statusCode).toBe(403);
    // Nor move their own officer into another agency, nor a department's administrator take one from a ward.
    expect((await patch('admin.ninhkieu', 'can.bo.phuong', { agencyCode: STP })).statusCode).toBe(403);
    expect((await patch('admin.stp', 'can.bo.phuong', { agencyCode: STP })).statusCode).toBe(403);
    // Their own list has only their agency's officers; the province's administrator sees every agency.
    const own = await t.app.inject({ url: '/api/accounts', headers: await as('admin.ninhkieu') });
    const agencies = new Set(own.json().items.map((a: { agencyCode: string }) => a.agencyCode));
    expect([...agencies]).toEqual([NINH_KIEU]);
    const all = await t.app.inject({ url: '/api/accounts', headers: await as('admin') });
    const allAgencies = new Set(all.json().items.map((a: { agencyCode: string }) => a.agencyCode));
    expect(allAgencies.has(STP) && allAgencies.has(NINH_KIEU) && allAgencies.has(CENTRE)).toBe(true);
    // Within scope it works, and not on oneself.
    expect((await patch('admin.ninhkieu', 'can.bo.phuong', { role: 'clerk' })).statusCode).toBe(200);
    expect((await patch('admin.ninhkieu', 'admin.ninhkieu', { active: false })).statusCode).toBe(409);
    // Other roles are refused by the route policy.
    expect((await patch('controller', 'can.bo.phuong', { role: 'processor' })).statusCode).toBe(403);
    const citizenList = await t.app.inject({ url: '/api/accounts', headers: await as('citizen') });
    expect(citizenList.statusCode).toBe(403);
  });

  it('shows users their own sessions and lets them end one; never anyone else’s', async () => {
    const first = await officer('admin', 'nhieu.phien', CENTRE);
    const second = await tokenFor(t.app, 'nhieu.phien', GOOD_PASSWORD);
    const listed = await t.app.inject({ url: '/api/me/sessions', headers: bearer(first) });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; current: boolean }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const other = items.find((s) => !s.current);
    // A citizen can neither list nor end the officer's session: the id is not found among their own.
    const citizenSessions = await t.app.inject({ url: '/api/me/sessions', headers: await as('citizen') });
    expect(citizenSessions.json().items.map((s: { id: string }) => s.id)).not.toContain(other?.id);
    const stolen = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${other?.id}`,
      headers: await as('citizen'),
    });
    expect(stolen.statusCode).toBe(404);
    expect((await me(second)).statusCode).toBe(200);
    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${other?.id}`,
      headers: bearer(first),
    });
    expect(ended.statusCode).toBe(204);
    expect((await me(second)).statusCode).toBe(401);
    expect((await me(first)).statusCode).toBe(200);
  });
});
