import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/roles.js';
import { accessOf } from '../src/dossiers/act.js';
import { canRead, deskOf, worksStep } from '../src/dossiers/policy.js';
import { officerQueue, searchDossiers } from '../src/dossiers/queries.js';
import { findProcess } from '../src/workflow/store.js';
import { applicant, birthForm, CAI_KHE, Desk } from './dossier-fixtures.js';
import { type TestApp, testApp } from './helpers.js';

/**
 * The policy decides in TypeScript (canRead, worksStep) and, compiled from the same values, filters the list
 * queries in SQL. Over dossiers spread across agencies, steps and statuses, both must pick the same dossiers
 * for every demo account.
 */
const OFFICERS = [
  'receiver',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
  'controller',
  'admin',
  'postal',
];
const USERNAMES = [
  'citizen',
  ...['', '.stp', '.ninhkieu'].flatMap((suffix) => OFFICERS.map((role) => `${role}${suffix}`)),
];
const AWAITING_OFFICER = ['submitted', 'accepted', 'processing', 'processed'];

describe('policy in TypeScript = policy in SQL', () => {
  let t: TestApp;
  let desk: Desk;
  const actors = new Map<string, Actor>();

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    for (const username of USERNAMES) {
      const me = await t.app.inject({
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${await desk.token(username)}` },
      });
      actors.set(username, me.json() as Actor);
    }
    // Department of Justice dossiers at every step of the generic process, received at the provincial centre.
    const moves = [
      ['receiver', { action: 'forward' }],
      ['processor.stp', { action: 'forward' }],
      ['agency_head.stp', { action: 'approve' }],
      ['clerk.stp', { action: 'sign' }],
      ['clerk.stp', { action: 'issue_result' }],
      ['receiver', { action: 'return_result', method: 'counter' }],
    ] as const;
    for (let stop = 0; stop <= moves.length; stop++) {
      const created = await desk.intake('receiver', {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: applicant(),
      });
      for (const [by, action] of moves.slice(0, stop)) await desk.ok(by, created.json().code, action);
    }
    // Ward dossiers: online at Ninh Kiều (owned by the demo citizen), one waiting for a supplement, and one at
    // Cái Khế that another ward's officers must not see.
    await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
    });
    const waiting = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: birthForm,
    });
    await desk.ok('receiver.ninhkieu', waiting.json().code, {
      action: 'request_supplement',
      items: ['Bản sao giấy chứng sinh'],
      reason: 'Thiếu giấy chứng sinh',
    });
    await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant({ address: { line: '5 Hòa Bình', wardCode: '31120' } }),
      formData: birthForm,
      receivingCentre: CAI_KHE,
    });
  }, 120_000);
  afterAll(() => t.close());

  async function allDossiers() {
    const rows = await t.db.kysely.selectFrom('dossiers').selectAll().execute();
    return Promise.all(
      rows.map(async (row) => ({
        row,
        step: (await findProcess(t.db.kysely, row.process_id))?.steps.find((s) => s.key === row.step_key),
      })),
    );
  }

  it('search returns exactly the dossiers canRead admits', async () => {
    const dossiers = await allDossiers();
    expect(dossiers.length).toBeGreaterThanOrEqual(10);
    for (const [username, actor] of actors) {
      if (actor.role === 'citizen') continue;
      const found = await searchDossiers(t.db.kysely, actor, { page: 1, pageSize: 200, now: Date.now() });
      const expected = dossiers.filter((d) => canRead(actor, accessOf(d.row))).map((d) => d.row.code);
      expect(found.items.map((d) => d.code).sort(), username).toEqual(expected.sort());
    }
  });

  it('"my queue" holds exactly the waiting dossiers at a step worksStep gives the officer', async () => {
    const dossiers = await allDossiers();
    let nonEmpty = 0;
    for (const [username, actor] of actors) {
      if (actor.role === 'citizen') continue;
      const queue = await officerQueue(t.db.kysely, actor, {
        scope: 'mine',
        page: 1,
        pageSize: 200,
        now: Date.now(),
      });
      const desk = deskOf(actor);
      const expected = dossiers
        .filter(
          (d) =>
            AWAITING_OFFICER.includes(d.row.status) &&
            d.step !== undefined &&
            worksStep(desk, accessOf(d.row), d.step),
        )
        .map((d) => d.row.code);
      if (expected.length > 0) nonEmpty++;
      expect(queue.items.map((d) => d.code).sort(), username).toEqual(expected.sort());
      expect(queue.total, username).toBe(expected.length);
    }
    // The comparison means something only if several queues hold dossiers.
    expect(nonEmpty).toBeGreaterThanOrEqual(5);
  });
});
