import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { upsertUser } from '../src/auth/store.js';
import { applicant, birthForm, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';

const ROLES = ['receiver', 'processor', 'unit_head', 'agency_head', 'clerk', 'controller', 'admin', 'postal'];
// The dossier is received at the provincial centre (own front desk) and handled by the Department of
// Justice (own agency); Ninh Kiều ward is another agency.
const SITES = { centre: '', handling: '.stp', other: '.ninhkieu' };
const USERS = [
  ...Object.values(SITES).flatMap((suffix) => ROLES.map((role) => `${role}${suffix}`)),
  'citizen',
];

/** Who may act, written out by hand from the rules (not computed by the policy under test). */
const ALLOWED: Record<string, string[]> = {
  // A ward's controller oversees only the ward, not a dossier of the provincial centre (issue 15).
  read: [...ROLES.map((r) => r), ...ROLES.map((r) => `${r}.stp`)],
  'forward@receive': ['receiver', 'postal'],
  'forward@appraise': ['processor.stp'],
  'approve@approve': ['agency_head.stp'],
  'sign@issue': ['clerk.stp'],
  'return_result@return': ['receiver', 'postal'],
};

const PATH: { action: Record<string, unknown>; by: string }[] = [
  { action: { action: 'forward' }, by: 'receiver' },
  { action: { action: 'forward' }, by: 'processor.stp' },
  { action: { action: 'approve' }, by: 'agency_head.stp' },
  { action: { action: 'sign' }, by: 'clerk.stp' },
  { action: { action: 'issue_result' }, by: 'clerk.stp' },
];
const STEP_INDEX: Record<string, number> = { receive: 0, appraise: 1, approve: 2, issue: 3, return: 5 };

describe('authorisation matrix: role × own/other agency × read/action', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    await upsertUser(t.db.kysely, {
      username: 'citizen2',
      fullName: 'Lê Thị Cúc',
      role: 'citizen',
      agencyCode: null,
      unitId: null,
      passwordHash: await hashPassword('demo'),
      demo: false,
    });
  });
  afterAll(() => t.close());

  async function dossierAt(step: string): Promise<string> {
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant(),
    });
    const code = created.json().code as string;
    for (const move of PATH.slice(0, STEP_INDEX[step])) await desk.ok(move.by, code, move.action);
    return code;
  }

  it('reading: own receiving centre and handling agency yes, other agencies and other citizens no', async () => {
    const code = await dossierAt('appraise');
    for (const username of [...USERS, 'citizen2']) {
      const response = await desk.get(username, code);
      const expected = ALLOWED.read?.includes(username) ? 200 : 404;
      expect(response.statusCode, `${username} read`).toBe(expected);
    }
  });

  for (const cell of [
    'forward@receive',
    'forward@appraise',
    'approve@approve',
    'sign@issue',
    'return_result@return',
  ]) {
    it(`acting: ${cell}`, async () => {
      const [action, step] = cell.split('@') as [string, string];
      const payload = action === 'return_result' ? { action, method: 'counter' } : { action };
      let code = await dossierAt(step);
      for (const username of USERS) {
        const response = await desk.act(username, code, payload);
        const canRead = ALLOWED.read?.includes(username) ?? false;
        // Controllers and administrators never act on dossiers: the route refuses their role outright.
        const neverActs = /^(controller|admin)(\.|$)/.test(username);
        const expected = ALLOWED[cell]?.includes(username) ? 200 : canRead || neverActs ? 403 : 404;
        expect(response.statusCode, `${username} ${cell}: ${response.body}`).toBe(expected);
        if (response.statusCode === 200) code = await dossierAt(step);
      }
    });
  }

  it('the applicant acts on their own online dossier; another citizen cannot even see it', async () => {
    const created = await desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: applicant(),
    });
    const code = created.json().code as string;
    expect(
      (await desk.act('citizen2', code, { action: 'withdraw', reason: 'Không phải hồ sơ của tôi' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await desk.act('receiver.stp', code, { action: 'withdraw', reason: 'Thử rút hộ' })).statusCode,
    ).toBe(404);
    expect((await desk.act('citizen', code, { action: 'accept' })).statusCode).toBe(403);
    expect(
      (await desk.act('citizen', code, { action: 'withdraw', reason: 'Tôi rút hồ sơ' })).statusCode,
    ).toBe(200);
  });

  it('channels: citizens file online only, receivers at the counter, postal staff by post', async () => {
    const body = (channel: string) => ({ procedureCode: '3.000333', channel, applicant: applicant() });
    expect((await desk.intake('citizen', body('counter'))).statusCode).toBe(403);
    expect((await desk.intake('receiver', body('online'))).statusCode).toBe(403);
    expect((await desk.intake('processor.stp', body('counter'))).statusCode).toBe(403);
    expect((await desk.intake('postal', body('counter'))).statusCode).toBe(403);
    expect((await desk.intake('postal', body('postal'))).statusCode).toBe(201);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/dossiers', payload: body('online') })).statusCode,
    ).toBe(401);
  });

  it('queues and search belong to officers and stay inside their agency', async () => {
    const citizenQueue = await t.app.inject({
      method: 'GET',
      url: '/api/queue',
      headers: bearer(await desk.token('citizen')),
    });
    expect(citizenQueue.statusCode).toBe(403);
    const code = await dossierAt('appraise');
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/queue?scope=mine',
      headers: bearer(await desk.token('processor.stp')),
    });
    expect(queue.json().items.map((d: { code: string }) => d.code)).toContain(code);
    const otherQueue = await t.app.inject({
      method: 'GET',
      url: '/api/queue?scope=agency',
      headers: bearer(await desk.token('processor.ninhkieu')),
    });
    expect(otherQueue.json().items.map((d: { code: string }) => d.code)).not.toContain(code);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${code}`,
      headers: bearer(await desk.token('processor.ninhkieu')),
    });
    expect(search.json().total).toBe(0);
    const found = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${code}`,
      headers: bearer(await desk.token('processor.stp')),
    });
    expect(found.json().total).toBe(1);
    const byName = await t.app.inject({
      method: 'GET',
      url: '/api/dossiers?q=nguyen%20thi%20hong%20nhung&pageSize=200',
      headers: bearer(await desk.token('processor.stp')),
    });
    expect(byName.json().items.map((d: { code: string }) => d.code)).toContain(code);
    const typo = await t.app.inject({
      method: 'GET',
      url: '/api/dossiers?q=nguyen%20thi%20hong%20nhnug&pageSize=200',
      headers: bearer(await desk.token('processor.stp')),
    });
    expect(typo.json().items.map((d: { code: string }) => d.code)).toContain(code);
    expect(
      byName
        .json()
        .items.every((d: { applicantName: string }) => d.applicantName === 'Nguyễn Thị Hồng Nhung'),
    ).toBe(true);
  });
});
