import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { upsertUser } from '../src/auth/store.js';
import { applicant, CENTRE, createOfficer, Desk, STP } from './dossier-fixtures.js';
import { bearer, type TestApp, type TestClock, testApp } from './helpers.js';

const vn = (text: string) => Date.parse(`${text}+07:00`);

/**
 * A fixture quarter (Q1 2029) whose aggregates were computed by hand. Procedure 3.000333 (criminal record
 * certificate): 10 calendar days, received Mon 5/3/2029 → appointment Thu 15/3 17:00; the generic process
 * gives reception 1, appraisal 6, approval 2 and issuing 1 working day from the moment each step begins. A
 * hand-over is early when it leaves its step at least one working day before the step's due day, on time on
 * that day not after the instant, late after it.
 *
 * D1 (online, citizen): every step on 5/3 → all early; issued early; returned online; no supplement.
 *    Computed: i1 2, i3 2, i4 2 (nobody contacted); i2: centre 2, STP 2. Answers: very satisfied, 5–9 = 2.
 * D2 (counter): receiver forwards 6/3 08:30 (due 6/3 09:00: on time); processor appraises until 14/3 10:00
 *    (due 14/3 08:30: late); head approves 15/3 09:00 (due 16/3 10:00: early); clerk issues 15/3 16:00 (due
 *    16/3 09:00: early); dossier on time (15/3 ≤ 15/3 17:00); returned at the counter.
 *    Computed: i1 1, i3 2, i4 1 (the one-stop desk); i2: centre 1, STP 0. Paper form: satisfied, 1 2 1 2 1.
 * D3 (online, citizen): a supplement asked at reception; accepted and forwarded 5/3 15:00 (early); a second
 *    processor appraises until 13/3 16:00 (due 13/3 15:00: late); head approves 15/3 16:30 (due 15/3 16:00:
 *    late); clerk issues 16/3 09:00 (due 16/3 16:30: on time); dossier late. Computed: i1 0, i3 1, i4 1;
 *    i2: centre 2, STP 0. Answers: not satisfied ("Trễ hẹn"), 1 1 0 1 0.
 * D4 (counter): returned but never rated — it counts nowhere.
 *
 * Per agency (means to one decimal, half up; score = sum of the nine; bands ≥15 / 12 / 9 / 6):
 *   centre  i1 1.0  i2 1.7  i3 1.7  i4 1.3  i5 1.3  i6 1.7  i7 1.0  i8 1.7  i9 1.0 → 12.4 good; 2 of 3 satisfied 66.7 %
 *   STP     same but i2 0.7                                                      → 11.4 fair
 * Per officer (score = i1 + i2 + i3 + i4 + i7; ≥ 5 all tasks, 3.5–< 5 most, < 3.5 under 70 %):
 *   receiver        D1 D2 D3: 1.0 + 1.7 + 1.7 + 1.3 + 1.0 = 6.7 all tasks
 *   processor.stp   D1 D2:    1.5 + 1.0 + 2.0 + 1.5 + 1.5 = 7.5 all tasks
 *   processor2.stp  D3:       0.0 + 0.0 + 1.0 + 1.0 + 0.0 = 2.0 under 70 %
 *   agency_head.stp D1 D2 D3: 1.0 + 1.3 + 1.7 + 1.3 + 1.0 = 6.3 all tasks
 *   clerk.stp       D1 D2 D3: 1.0 + 1.7 + 1.7 + 1.3 + 1.0 = 6.7 all tasks
 */
describe('ratings: a fixture quarter with hand-computed aggregates, and respondents kept confidential', () => {
  const clock: TestClock = { now: vn('2029-03-05T09:00:00') };
  let t: TestApp;
  let desk: Desk;
  const codes: Record<string, string> = {};
  const at = (when: string) => {
    clock.now = vn(when);
  };

  beforeAll(async () => {
    t = await testApp({ clock });
    desk = new Desk(t.app);
    await createOfficer(t.db, 'processor2.stp', 'processor', STP);
    await upsertUser(t.db.kysely, {
      username: 'citizen2',
      fullName: 'Lê Thị Cúc',
      role: 'citizen',
      agencyCode: null,
      unitId: null,
      passwordHash: await hashPassword('demo'),
      demo: false,
    });
  }, 120_000);
  afterAll(() => t.close());

  async function file(channel: 'online' | 'counter') {
    const created = await desk.intake(channel === 'online' ? 'citizen' : 'receiver', {
      procedureCode: '3.000333',
      channel,
      applicant: applicant({ fullName: 'Phạm Minh Khoa' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().code as string;
  }

  async function rate(username: string, code: string, body: Record<string, unknown>) {
    return t.app.inject({
      method: 'PUT',
      url: `/api/dossiers/${code}/rating`,
      headers: bearer(await desk.token(username)),
      payload: body,
    });
  }

  it('builds the quarter: four dossiers through every step at the hours above', async () => {
    at('2029-03-05T09:00:00');
    const d1 = await file('online');
    await desk.ok('receiver', d1, { action: 'accept' });
    await desk.ok('receiver', d1, { action: 'forward' });
    at('2029-03-05T10:00:00');
    await desk.ok('processor.stp', d1, { action: 'forward' });
    await desk.ok('agency_head.stp', d1, { action: 'approve' });
    await desk.ok('clerk.stp', d1, { action: 'sign' });
    expect((await desk.ok('clerk.stp', d1, { action: 'issue_result' })).timeliness).toBe('early');
    at('2029-03-05T11:00:00');
    await desk.ok('receiver', d1, { action: 'return_result', method: 'online' });

    at('2029-03-05T09:00:00');
    const d2 = await file('counter');
    at('2029-03-06T08:30:00');
    await desk.ok('receiver', d2, { action: 'forward' });
    at('2029-03-14T10:00:00');
    await desk.ok('processor.stp', d2, { action: 'forward' });
    at('2029-03-15T09:00:00');
    await desk.ok('agency_head.stp', d2, { action: 'approve' });
    at('2029-03-15T16:00:00');
    await desk.ok('clerk.stp', d2, { action: 'sign' });
    expect((await desk.ok('clerk.stp', d2, { action: 'issue_result' })).timeliness).toBe('on_time');
    at('2029-03-16T09:00:00');
    await desk.ok('receiver', d2, { action: 'return_result', method: 'counter' });

    at('2029-03-05T09:00:00');
    const d3 = await file('online');
    at('2029-03-05T10:00:00');
    await desk.ok('receiver', d3, {
      action: 'request_supplement',
      items: ['Bản sao căn cước'],
      reason: 'Thiếu bản sao căn cước',
    });
    at('2029-03-05T14:00:00');
    await desk.ok('citizen', d3, {
      action: 'submit_supplement',
      documents: [{ name: 'Bản sao căn cước', form: 'copy' }],
    });
    at('2029-03-05T15:00:00');
    await desk.ok('receiver', d3, { action: 'accept' });
    await desk.ok('receiver', d3, { action: 'forward' });
    at('2029-03-13T16:00:00');
    await desk.ok('processor2.stp', d3, { action: 'forward' });
    at('2029-03-15T16:30:00');
    await desk.ok('agency_head.stp', d3, { action: 'approve' });
    at('2029-03-16T09:00:00');
    await desk.ok('clerk.stp', d3, { action: 'sign' });
    expect((await desk.ok('clerk.stp', d3, { action: 'issue_result' })).timeliness).toBe('late');
    at('2029-03-16T10:00:00');
    await desk.ok('receiver', d3, { action: 'return_result', method: 'online' });

    at('2029-03-05T09:00:00');
    const d4 = await file('counter');
    await desk.ok('receiver', d4, { action: 'forward' });
    await desk.ok('processor.stp', d4, { action: 'forward' });
    await desk.ok('agency_head.stp', d4, { action: 'approve' });
    await desk.ok('clerk.stp', d4, { action: 'sign' });
    await desk.ok('clerk.stp', d4, { action: 'issue_result' });
    await desk.ok('receiver', d4, { action: 'return_result', method: 'counter' });
    Object.assign(codes, { d1, d2, d3, d4 });
  });

  it('rates them online and on paper, with the rules of one rating per dossier and its window', async () => {
    at('2029-03-20T09:00:00');
    const first = await rate('citizen', codes.d1 ?? '', {
      quick: 'satisfied',
      answers: { i5: 1, i6: 1, i7: 1, i8: 1, i9: 1 },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().rating).toMatchObject({ channel: 'online', computed: { i1: 2, i3: 2, i4: 2 } });
    // Changed within the week it may be changed.
    at('2029-03-26T09:00:00');
    const changed = await rate('citizen', codes.d1 ?? '', {
      quick: 'very_satisfied',
      answers: { i5: 2, i6: 2, i7: 2, i8: 2, i9: 2 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    at('2029-03-28T09:00:00');
    const late = await rate('citizen', codes.d1 ?? '', { quick: 'not_satisfied', reason: 'Đổi ý' });
    expect(late.json().error.code).toBe('RATING_WINDOW_CLOSED');

    const noReason = await rate('citizen', codes.d3 ?? '', { quick: 'not_satisfied' });
    expect(noReason.statusCode).toBe(400);
    const d3 = await rate('citizen', codes.d3 ?? '', {
      quick: 'not_satisfied',
      reason: 'Trễ hẹn',
      answers: { i5: 1, i6: 1, i7: 0, i8: 1, i9: 0 },
    });
    expect(d3.statusCode, d3.body).toBe(200);
    expect(d3.json().rating.computed).toEqual({ i1: 0, i3: 1, i4: 1 });

    const paper = (username: string, code: string) =>
      desk.token(username).then((token) =>
        t.app.inject({
          method: 'POST',
          url: '/api/ratings/paper',
          headers: bearer(token),
          payload: { dossierCode: code, quick: 'satisfied', answers: { i5: 1, i6: 2, i7: 1, i8: 2, i9: 1 } },
        }),
      );
    // Only the front desk of the receiving centre types in its paper forms.
    expect((await paper('receiver.ninhkieu', codes.d2 ?? '')).statusCode).toBe(403);
    const entered = await paper('receiver', codes.d2 ?? '');
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toEqual({ recorded: true });
    expect((await paper('receiver', codes.d2 ?? '')).json().error.code).toBe('RATING_EXISTS');
    // A dossier not yet returned cannot be rated.
    at('2029-03-28T10:00:00');
    const open = await file('counter');
    expect((await paper('receiver', open)).json().error.code).toBe('RATING_NOT_OPEN');
  });

  it('aggregates per agency as computed by hand', async () => {
    const response = await t.app.inject({
      url: '/api/ratings/summary?level=agency&year=2029&quarter=1',
      headers: bearer(await desk.token('controller')),
    });
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().items as Record<string, unknown>[];
    const pick = (r: Record<string, unknown>) => ({
      agency: r.agency,
      ratings: r.ratings,
      verySatisfied: r.verySatisfied,
      satisfied: r.satisfied,
      notSatisfied: r.notSatisfied,
      satisfactionRate: r.satisfactionRate,
      means: r.means,
      score: r.score,
      band: r.band,
    });
    const base = { i1: 1, i3: 1.7, i4: 1.3, i5: 1.3, i6: 1.7, i7: 1, i8: 1.7, i9: 1 };
    const common = { ratings: 3, verySatisfied: 1, satisfied: 1, notSatisfied: 1, satisfactionRate: 66.7 };
    expect(rows.map(pick)).toEqual([
      { agency: CENTRE, ...common, means: { ...base, i2: 1.7 }, score: 12.4, band: 'good' },
      { agency: STP, ...common, means: { ...base, i2: 0.7 }, score: 11.4, band: 'fair' },
    ]);
    // An agency head sees their own agency only.
    const head = await t.app.inject({
      url: '/api/ratings/summary?level=agency&year=2029&quarter=1',
      headers: bearer(await desk.token('agency_head.stp')),
    });
    expect(head.json().items.map((r: { agency: string }) => r.agency)).toEqual([STP]);
  });

  it('aggregates per officer as computed by hand, on indicators 1, 2, 3, 4 and 7', async () => {
    const response = await t.app.inject({
      url: '/api/ratings/summary?level=officer&year=2029&quarter=1',
      headers: bearer(await desk.token('controller')),
    });
    const ids = new Map(
      (await t.db.kysely.selectFrom('users').select(['id', 'username']).execute()).map((u) => [
        u.id,
        u.username,
      ]),
    );
    const rows = (
      response.json().items as { officer: number; ratings: number; score: number; band: string }[]
    )
      .map((r) => ({ who: ids.get(r.officer), ratings: r.ratings, score: r.score, band: r.band }))
      .sort((a, b) => String(a.who).localeCompare(String(b.who)));
    expect(rows).toEqual([
      { who: 'agency_head.stp', ratings: 3, score: 6.3, band: 'all_tasks' },
      { who: 'clerk.stp', ratings: 3, score: 6.7, band: 'all_tasks' },
      { who: 'processor.stp', ratings: 2, score: 7.5, band: 'all_tasks' },
      { who: 'processor2.stp', ratings: 1, score: 2, band: 'under_70' },
      { who: 'receiver', ratings: 3, score: 6.7, band: 'all_tasks' },
    ]);
  });

  it('no officer role can read a rating back with the rater: individual ratings are the applicant’s alone', async () => {
    const officers = [
      'receiver',
      'processor',
      'unit_head',
      'agency_head',
      'clerk',
      'controller',
      'admin',
      'postal',
      'receiver.stp',
      'processor.stp',
      'agency_head.stp',
      'clerk.stp',
      'controller.stp',
    ];
    for (const officer of officers) {
      for (const code of [codes.d1, codes.d2, codes.d3]) {
        const read = await t.app.inject({
          url: `/api/dossiers/${code}/rating`,
          headers: bearer(await desk.token(officer)),
        });
        expect(read.statusCode, `${officer} reads the rating of ${code}`).toBe(403);
        // The dossier as officers see it carries nothing of the rating either.
        const dossier = await t.app.inject({
          url: `/api/dossiers/${code}`,
          headers: bearer(await desk.token(officer)),
        });
        expect(dossier.body).not.toMatch(/Trễ hẹn|very_satisfied|not_satisfied/);
      }
      for (const level of ['agency', 'unit', 'officer']) {
        const summary = await t.app.inject({
          url: `/api/ratings/summary?level=${level}&year=2029&quarter=1`,
          headers: bearer(await desk.token(officer)),
        });
        if (summary.statusCode !== 200) {
          expect(summary.statusCode).toBe(403);
          continue;
        }
        // Totals only: no dossier, no applicant, no reason, no individual answer.
        for (const code of Object.values(codes)) expect(summary.body).not.toContain(code);
        expect(summary.body).not.toMatch(/Phạm Minh Khoa|Trễ hẹn|dossier/i);
      }
    }
    const other = await t.app.inject({
      url: `/api/dossiers/${codes.d1}/rating`,
      headers: bearer(await desk.token('citizen2')),
    });
    expect(other.statusCode).toBe(404);
    const anonymous = await t.app.inject({ url: `/api/dossiers/${codes.d1}/rating` });
    expect(anonymous.statusCode).toBe(401);
    const own = await t.app.inject({
      url: `/api/dossiers/${codes.d3}/rating`,
      headers: bearer(await desk.token('citizen')),
    });
    expect(own.json().rating).toMatchObject({ quick: 'not_satisfied', reason: 'Trễ hẹn' });
  });

  it('publishes the finished quarter, frozen, as a table and an xlsx on the portal', async () => {
    const controller = bearer(await desk.token('controller'));
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/ratings/publications',
      headers: controller,
      payload: { year: 2029, quarter: 1 },
    });
    expect(early.statusCode).toBe(400);
    at('2029-04-02T09:00:00');
    const published = await t.app.inject({
      method: 'POST',
      url: '/api/ratings/publications',
      headers: controller,
      payload: { year: 2029, quarter: 1 },
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toEqual({ year: 2029, quarter: 1, agencies: 2 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/ratings/publications',
      headers: controller,
      payload: { year: 2029, quarter: 1 },
    });
    expect(again.json().error.code).toBe('RATINGS_ALREADY_PUBLISHED');

    const portal = (await t.app.inject({ url: '/api/public/ratings?year=2029' })).json();
    expect(portal.items).toHaveLength(1);
    expect(
      portal.items[0].rows.map((r: { agencyName: string; score: number }) => [r.agencyName, r.score]),
    ).toEqual([
      ['Trung tâm Phục vụ hành chính công thành phố Cần Thơ', 12.4],
      ['Sở Tư pháp', 11.4],
    ]);
    const xlsx = await t.app.inject({ url: '/api/public/ratings.xlsx?year=2029' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Quý 1-2029');
    if (!sheet) throw new Error('the quarter has its sheet');
    expect(sheet.getRow(3).values).toEqual(
      expect.arrayContaining([
        'Cơ quan',
        'Số phiếu',
        'Tỷ lệ hài lòng (%)',
        'Chỉ số 9',
        'Tổng điểm',
        'Xếp loại',
      ]),
    );
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([
      'Sở Tư pháp',
      3,
      1,
      1,
      1,
      66.7,
      1,
      0.7,
      1.7,
      1.3,
      1.3,
      1.7,
      1,
      1.7,
      1,
      11.4,
      'Khá',
    ]);
  });
});
