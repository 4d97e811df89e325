import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STP } from './dossier-fixtures.js';
import { FeedbackDesk } from './feedback-fixtures.js';
import { type TestApp, type TestClock, testApp } from './helpers.js';

const vn = (text: string) => Date.parse(`${text}+07:00`);

describe('feedback on regulations: the life cycle through the API, with deadlines on the real calendar', () => {
  const clock: TestClock = { now: vn('2026-02-13T10:00:00') };
  let t: TestApp;
  let desk: FeedbackDesk;
  const as = (username: string) => desk.as(username);
  const submit = (body: Record<string, unknown> = {}) =>
    desk.submit({
      submitter: { name: 'Trần Văn Bình', phone: '0912345678', email: 'binh@example.vn' },
      ...body,
    });
  const act = (username: string, code: string, body: Record<string, unknown>) =>
    desk.act(username, code, body);
  const ok = (username: string, code: string, body: Record<string, unknown>) => desk.ok(username, code, body);
  beforeAll(async () => {
    t = await testApp({ clock });
    desk = new FeedbackDesk(t.app);
  });
  afterAll(() => t.close());

  it('received on the Friday before Tết Bính Ngọ: classification due after the break, the whole way to publication', async () => {
    const { code, accessKey, status } = await submit();
    expect(code).toMatch(/^PAKN-260213-\d{4}$/);
    expect(status).toBe('received');
    // Tết 14–22/2/2026: 5 working days after Fri 13/2 → Fri 27/2 at the close of office hours.
    let item = (await t.app.inject({ url: `/api/feedback/${code}`, headers: await as('controller') })).json();
    expect(item).toMatchObject({
      dueKind: 'classify',
      dueAt: '2026-02-27T17:00:00+07:00',
      urgency: 'on_track',
    });
    expect(item.actions).toEqual(['log', 'request_clarification', 'classify']);

    await ok('controller', code, { action: 'log' });
    clock.now = vn('2026-02-24T09:00:00');
    item = await ok('controller', code, {
      action: 'classify',
      outcome: 'within_competence',
      reason: 'Thuộc thẩm quyền của Sở Tư pháp',
      toAgency: STP,
    });
    // 15 working days after Tue 24/2 → Tue 17/3.
    expect(item).toMatchObject({ status: 'handling', handlingAgency: STP, dueKind: 'handle' });
    expect(item.dueAt).toBe('2026-03-17T17:00:00+07:00');
    expect(item.progressDueAt).toBe('2026-03-24T17:00:00+07:00');

    // The handling agency sees it; another ward does not.
    const stp = await t.app.inject({ url: '/api/feedback?open=true', headers: await as('processor.stp') });
    expect(stp.json().items.map((i: { code: string }) => i.code)).toContain(code);
    const other = await t.app.inject({
      url: `/api/feedback/${code}`,
      headers: await as('processor.ninhkieu'),
    });
    expect(other.statusCode).toBe(404);
    // A handler may not classify: that is the desk's step.
    expect((await act('processor.stp', code, { action: 'log' })).statusCode).toBe(403);

    // Past the deadline: overdue, and a progress report owed once 5 more working days have passed.
    clock.now = vn('2026-03-18T09:00:00');
    item = (await t.app.inject({ url: `/api/feedback/${code}`, headers: await as('processor.stp') })).json();
    expect(item).toMatchObject({ urgency: 'overdue', progressOwed: false });
    clock.now = vn('2026-03-25T09:00:00');
    item = (await t.app.inject({ url: `/api/feedback/${code}`, headers: await as('processor.stp') })).json();
    expect(item.progressOwed).toBe(true);
    item = await ok('processor.stp', code, { action: 'progress', text: 'Đang lấy ý kiến Sở Nội vụ' });
    expect(item).toMatchObject({ progressOwed: false, progressDueAt: '2026-04-01T17:00:00+07:00' });

    clock.now = vn('2026-03-26T10:00:00');
    item = await ok('processor.stp', code, {
      action: 'handle',
      result: 'Đã bỏ yêu cầu bản sao giấy kết hôn',
    });
    expect(item).toMatchObject({ status: 'handled', dueKind: 'answer', dueAt: '2026-03-30T17:00:00+07:00' });
    item = await ok('controller', code, {
      action: 'answer',
      answer: 'Sở Tư pháp đã hướng dẫn không yêu cầu bản sao giấy chứng nhận kết hôn. Liên hệ 0912345678.',
    });
    expect(item).toMatchObject({ status: 'answered', dueKind: 'publish' });
    item = await ok('controller', code, {
      action: 'publish',
      publicTitle: 'Thành phần hồ sơ đăng ký khai sinh',
      publicQuestion: 'Ông Trần Văn Bình (binh@example.vn) phản ánh yêu cầu nộp bản sao giấy kết hôn.',
      publicAnswer:
        'Sở Tư pháp đã hướng dẫn không yêu cầu bản sao giấy chứng nhận kết hôn. Gọi 0912 345 678.',
    });
    expect(item.status).toBe('published');
    const published = (await t.app.inject({ url: `/api/public/feedback/${code}` })).json();
    expect(published.question).toBe('Ông [đã ẩn] ([đã ẩn]) phản ánh yêu cầu nộp bản sao giấy kết hôn.');
    expect(published.answer).toBe(
      'Sở Tư pháp đã hướng dẫn không yêu cầu bản sao giấy chứng nhận kết hôn. Gọi [đã ẩn].',
    );
    expect(published.agencyName).toBe('Sở Tư pháp');

    // The submitter follows it with their key and rates the answer, once.
    const mine = await t.app.inject({
      url: `/api/feedback/${code}/mine`,
      headers: { 'x-feedback-key': accessKey },
    });
    expect(mine.json()).toMatchObject({ status: 'published', actions: ['rate_answer'] });
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/${code}/mine/actions`,
      headers: { 'x-feedback-key': accessKey },
      payload: { action: 'rate_answer', version: mine.json().version, rating: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ answerRating: 'satisfied', actions: [] });
    const wrongKey = await t.app.inject({
      url: `/api/feedback/${code}/mine`,
      headers: { 'x-feedback-key': 'không-phải-khóa-này' },
    });
    expect(wrongKey.statusCode).toBe(404);
  });

  it('reminders: the queue and the controller’s overview show what nears or passes its deadline', async () => {
    // Mon 1/6/2026, no holiday that fortnight: classification due Mon 8/6 17:00; handling 15 days later.
    clock.now = vn('2026-06-01T09:00:00');
    const unclassified = (await submit({ title: 'Chưa phân loại' })).code;
    const waiting = (await submit({ title: 'Chờ người gửi làm rõ' })).code;
    await ok('controller', waiting, { action: 'request_clarification', question: 'Đề nghị nêu rõ thủ tục' });
    const assigned = (await submit({ title: 'Giao Sở Tư pháp' })).code;
    await ok('controller', assigned, {
      action: 'classify',
      outcome: 'within_competence',
      reason: 'Thẩm quyền của Sở Tư pháp',
      toAgency: STP,
    });
    const refused = (await submit({ title: 'Không tiếp nhận' })).code;
    await ok('controller', refused, {
      action: 'classify',
      outcome: 'not_accepted',
      reason: 'Không phải phản ánh về quy định hành chính',
    });

    const codes = async (username: string, urgency: string) =>
      (await t.app.inject({ url: `/api/feedback?open=true&urgency=${urgency}`, headers: await as(username) }))
        .json()
        .items.map((i: { code: string }) => i.code);
    const overview = async () => {
      const response = await t.app.inject({
        url: '/api/feedback/overview?from=2026-06-01&to=2026-06-30',
        headers: await as('controller'),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as {
        open: { agency: string | null; open: number; overdue: number; dueSoon: number; waiting: number }[];
        handled: { agency: string | null; handled: number; onTime: number }[];
      };
    };

    // Mon 8/6 10:00: seven working hours left on the unclassified item: due soon.
    clock.now = vn('2026-06-08T10:00:00');
    expect(await codes('controller', 'due_soon')).toEqual([unclassified]);
    expect(await codes('controller', 'waiting')).toEqual([waiting]);
    expect(await codes('processor.stp', 'on_track')).toEqual([assigned]);
    let view = await overview();
    expect(view.open.find((l) => l.agency === null)).toMatchObject({
      open: 2,
      overdue: 0,
      dueSoon: 1,
      waiting: 1,
    });
    expect(view.open.find((l) => l.agency === STP)).toMatchObject({ open: 1, overdue: 0, dueSoon: 0 });

    // Tue 9/6: the deadline has passed; the handler's queue shows only its agency's items.
    clock.now = vn('2026-06-09T08:00:00');
    expect(await codes('controller', 'overdue')).toEqual([unclassified]);
    expect(await codes('processor.stp', 'overdue')).toEqual([]);
    view = await overview();
    expect(view.open.find((l) => l.agency === null)).toMatchObject({ open: 2, overdue: 1, dueSoon: 0 });
    // Handled well within its 15 working days: counted on time for the agency.
    await ok('processor.stp', assigned, { action: 'handle', result: 'Đã sửa hướng dẫn thành phần hồ sơ' });
    view = await overview();
    expect(view.handled.find((l) => l.agency === STP)).toMatchObject({ handled: 1, onTime: 1 });
  });
});
