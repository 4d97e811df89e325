import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, birthForm, Desk, NINH_KIEU } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';

let t: TestApp;
let desk: Desk;
beforeAll(async () => {
  t = await testApp();
  desk = new Desk(t.app);
});
afterAll(async () => {
  await t.close();
});

async function actionsOf(username: string, code: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/dossiers/${code}/actions`,
    headers: bearer(await desk.token(username)),
  });
  return {
    status: response.statusCode,
    actions: (response.json().items ?? []).map((a: { action: string }) => a.action),
  };
}

async function onlineDossier(): Promise<string> {
  const response = await desk.intake('citizen', {
    procedureCode: '1.001193',
    channel: 'online',
    applicant: applicant(),
    formData: birthForm,
    documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'copy' }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().code;
}

describe('actions offered on the dossier page', () => {
  it('follow the step and the role, and every offered action is accepted by the server', async () => {
    const code = await onlineDossier();
    expect(await actionsOf('receiver.ninhkieu', code)).toEqual({
      status: 200,
      actions: ['accept', 'request_supplement', 'reject', 'digitise', 'withdraw'],
    });
    expect((await actionsOf('citizen', code)).actions).toEqual(['withdraw']);
    expect((await actionsOf('processor.ninhkieu', code)).actions).toEqual([]);
    expect((await actionsOf('receiver.stp', code)).status).toBe(404);

    await desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    const forward = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${code}/actions`,
      headers: bearer(await desk.token('receiver.ninhkieu')),
    });
    expect(forward.json().items).toContainEqual({
      action: 'forward',
      toSteps: [{ key: 'appraise', name: 'Thẩm định, xử lý hồ sơ' }],
    });
    await desk.ok('receiver.ninhkieu', code, { action: 'forward' });
    const processor = await actionsOf('processor.ninhkieu', code);
    expect(processor.actions).toEqual([
      'request_supplement',
      'forward',
      'consult',
      'transfer',
      'refuse',
      'attach_result',
      'request_payment',
    ]);
    await desk.ok('processor.ninhkieu', code, { action: 'forward' });
    expect((await actionsOf('agency_head.ninhkieu', code)).actions).toEqual(
      expect.arrayContaining(['approve', 'refuse', 'send_back', 'apologise']),
    );
    await desk.ok('agency_head.ninhkieu', code, { action: 'approve' });
    expect((await actionsOf('clerk.ninhkieu', code)).actions).toEqual([
      'attach_result',
      'sign',
      'request_payment',
    ]);
    await desk.ok('clerk.ninhkieu', code, { action: 'sign' });
    expect((await actionsOf('clerk.ninhkieu', code)).actions).toEqual(['issue_result', 'request_payment']);
    await desk.ok('clerk.ninhkieu', code, { action: 'issue_result' });
    expect((await actionsOf('receiver.ninhkieu', code)).actions).toEqual(['return_result']);
    await desk.ok('receiver.ninhkieu', code, { action: 'return_result', method: 'counter' });
    expect((await actionsOf('receiver.ninhkieu', code)).actions).toEqual([]);
  });
});

describe('officers of an agency', () => {
  it('are listed to its own officers and to controllers, not to others', async () => {
    const url = `/api/agencies/${NINH_KIEU}/officers?role=processor`;
    const own = await t.app.inject({ url, headers: bearer(await desk.token('agency_head.ninhkieu')) });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((o: { username: string }) => o.username)).toContain('processor.ninhkieu');
    expect(own.json().items.every((o: { role: string }) => o.role === 'processor')).toBe(true);
    const other = await t.app.inject({ url, headers: bearer(await desk.token('agency_head.stp')) });
    expect(other.statusCode).toBe(403);
    const citizen = await t.app.inject({ url, headers: bearer(await desk.token('citizen')) });
    expect(citizen.statusCode).toBe(403);
    expect((await t.app.inject({ url })).statusCode).toBe(401);
  });
});

describe('editing a procedure', () => {
  const url = '/api/procedures/2.000908';
  it('is for controllers; bad input changes nothing', async () => {
    const before = (await t.app.inject({ url })).json();
    const citizen = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(await desk.token('citizen')),
      payload: { name: 'Đổi tên trái phép' },
    });
    expect(citizen.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(await desk.token('controller')),
      payload: { name: 'Tên mới hợp lệ', channels: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await t.app.inject({ url })).json().name).toBe(before.name);

    const edited = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(await desk.token('controller')),
      payload: {
        legalBasis: 'Nghị định 123/2015/NĐ-CP (sửa đổi)',
        timeLimit: { ...before.timeLimit, value: 2 },
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: before.name,
      legalBasis: 'Nghị định 123/2015/NĐ-CP (sửa đổi)',
      timeLimit: { value: 2 },
      publications: before.publications,
    });
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/procedures/9.999999',
      headers: bearer(await desk.token('controller')),
      payload: { name: 'Không tồn tại' },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('tracking QR code', () => {
  it('is an SVG for a known dossier and 404 otherwise', async () => {
    const code = await onlineDossier();
    const svg = await t.app.inject({ url: `/api/track/${code}/qr.svg` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg[\s\S]*<path/);
    const unknown = await t.app.inject({ url: '/api/track/000.00.01.H13-990101-9999/qr.svg' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('DOSSIER_NOT_FOUND');
  });
});

describe('the web app beside the API', () => {
  it('serves pages (also with dots in the path) while API and asset misses stay JSON 404s', async () => {
    const page = await t.app.inject({ url: '/thu-tuc/1.001193' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="root">');
    const api = await t.app.inject({ url: '/api/khong-co' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
    const asset = await t.app.inject({ url: '/assets/khong-co.js' });
    expect(asset.statusCode).toBe(404);
    const post = await t.app.inject({ method: 'POST', url: '/thu-tuc/1.001193' });
    expect(post.statusCode).toBe(404);
  });
});
