import { describe, expect, it } from 'vitest';
import { formatVnInstant } from '../src/calendar/dates.js';
import { dueAfterWorkingDays } from '../src/calendar/deadline.js';
import { shippedClock } from '../src/calendar/test-clock.js';
import {
  applicant,
  birthForm,
  CENTRE,
  clockedDesk,
  createOfficer,
  NINH_KIEU,
  STP,
  SXD,
  SYT,
  vnAt,
} from './dossier-fixtures.js';
import { bearer } from './helpers.js';

describe('dossier scenarios with the clock under control', () => {
  const s = clockedDesk('2026-11-23T09:00:00', async (t) => {
    for (const role of ['processor', 'agency_head', 'clerk'] as const)
      await createOfficer(t.db, `${role}.sxd`, role, SXD);
    await createOfficer(t.db, 'unit_head.syt', 'unit_head', SYT, 'BTXH');
    await createOfficer(t.db, 'processor.syt', 'processor', SYT, 'BTXH');
    await createOfficer(t.db, 'agency_head.syt', 'agency_head', SYT);
    await createOfficer(t.db, 'clerk.syt', 'clerk', SYT);
    await createOfficer(t.db, 'processor2.ninhkieu', 'processor', NINH_KIEU, 'VHXH');
  });

  async function counterIntake(procedureCode: string, when: string, username = 'receiver') {
    s.clock.now = vnAt(when);
    const response = await s.desk.intake(username, {
      procedureCode,
      channel: 'counter',
      applicant: applicant(),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  /** Walks a real internal process from its assignment step to the returned result. */
  async function fromAssignmentToReturn(code: string, agency: string, receiver: string) {
    await s.desk.ok(`unit_head.${agency}`, code, { action: 'forward' });
    await s.desk.ok(`processor.${agency}`, code, { action: 'forward' });
    await s.desk.ok(`unit_head.${agency}`, code, { action: 'forward' });
    await s.desk.ok(`agency_head.${agency}`, code, { action: 'approve' });
    await s.desk.ok(`clerk.${agency}`, code, { action: 'sign' });
    await s.desk.ok(`clerk.${agency}`, code, { action: 'issue_result' });
    return s.desk.ok(receiver, code, { action: 'return_result', method: 'counter' });
  }

  async function finishGenericSxd(code: string) {
    await s.desk.ok('processor.sxd', code, { action: 'forward' });
    await s.desk.ok('agency_head.sxd', code, { action: 'approve' });
    await s.desk.ok('clerk.sxd', code, { action: 'sign' });
    return s.desk.ok('clerk.sxd', code, { action: 'issue_result' });
  }

  it('a supplement after appraisal restarts the limit from zero; the on-time measure leaves out the wait', async () => {
    const dossier = await counterIntake('1.013233', '2026-11-23T09:00:00');
    expect(dossier).toMatchObject({ handlingAgency: SXD, dueAt: '2026-11-30T17:00:00+07:00' });
    await s.desk.ok('receiver', dossier.code, { action: 'forward' });
    s.clock.now = vnAt('2026-11-24T10:00:00');
    const paused = await s.desk.ok('processor.sxd', dossier.code, {
      action: 'request_supplement',
      items: ['Bản vẽ thiết kế đã được thẩm định'],
      reason: 'Thiếu bản vẽ thiết kế đã được thẩm định',
    });
    expect(paused).toMatchObject({ status: 'supplement_requested', nationalStatus: 5, stepDueAt: null });
    s.clock.now = vnAt('2026-11-27T10:00:00');
    const resumed = await s.desk.ok('receiver', dossier.code, {
      action: 'submit_supplement',
      documents: [{ name: 'Bản vẽ thiết kế đã được thẩm định', form: 'copy' }],
    });
    expect(resumed).toMatchObject({
      status: 'processing',
      dueAt: '2026-12-04T17:00:00+07:00',
      originalDueAt: '2026-11-30T17:00:00+07:00',
    });
    s.clock.now = vnAt('2026-12-01T10:00:00');
    const done = await finishGenericSxd(dossier.code);
    // Finished a day after the original appointment, but 3 days were spent waiting for the applicant.
    expect(done).toMatchObject({ status: 'processed', timeliness: 'on_time' });
  });

  it('refuses a supplement request more than 3 working days after receipt', async () => {
    const dossier = await counterIntake('1.013233', '2026-11-23T09:00:00');
    await s.desk.ok('receiver', dossier.code, { action: 'forward' });
    s.clock.now = vnAt('2026-11-27T09:00:00');
    const late = await s.desk.act('processor.sxd', dossier.code, {
      action: 'request_supplement',
      items: ['Giấy tờ'],
      reason: 'Thiếu giấy tờ',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SUPPLEMENT_WINDOW_CLOSED');
  });

  it('rejects an online filing at reception and then refuses every action', async () => {
    s.clock.now = vnAt('2026-11-23T10:00:00');
    const submitted = await s.desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: applicant(),
    });
    const code = submitted.json().code as string;
    const rejected = await s.desk.ok('receiver.ninhkieu', code, {
      action: 'reject',
      reason: 'Không thuộc thẩm quyền giải quyết',
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      nationalStatus: 3,
      outcome: 'rejected',
      timeliness: null,
    });
    const again = await s.desk.act('receiver.ninhkieu', code, { action: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DOSSIER_CLOSED');
  });

  it('transfers to another agency (liên thông), which finishes it; the first agency still sees it', async () => {
    const dossier = await counterIntake('3.000333', '2026-11-23T09:30:00');
    expect(dossier.handlingAgency).toBe(STP);
    await s.desk.ok('receiver', dossier.code, { action: 'forward' });
    const moved = await s.desk.ok('processor.stp', dossier.code, {
      action: 'transfer',
      toAgency: SXD,
      note: 'Liên thông',
    });
    expect(moved).toMatchObject({ handlingAgency: SXD, step: 'appraise', status: 'processing' });
    const foreign = await s.desk.act('processor.stp', dossier.code, { action: 'forward' });
    expect(foreign.statusCode).toBe(403);
    await finishGenericSxd(dossier.code);
    const returned = await s.desk.ok('receiver', dossier.code, { action: 'return_result', method: 'post' });
    expect(returned.status).toBe('returned');
    expect((await s.desk.get('processor.stp', dossier.code)).statusCode).toBe(200);
    const events = await s.t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/events`,
      headers: bearer(await s.desk.token('processor.sxd')),
    });
    const transfer = events.json().items.find((e: { action: string }) => e.action === 'transfer');
    expect(transfer.payload).toMatchObject({ fromAgency: STP, toAgency: SXD });
  });

  it('consults another agency: forwarding waits for the answer', async () => {
    const dossier = await counterIntake('3.000333', '2026-11-23T10:00:00');
    await s.desk.ok('receiver', dossier.code, { action: 'forward' });
    await s.desk.ok('processor.stp', dossier.code, {
      action: 'consult',
      agencies: [SXD],
      question: 'Đề nghị cho ý kiến về hồ sơ',
      workingDays: 2,
    });
    const blocked = await s.desk.act('processor.stp', dossier.code, { action: 'forward' });
    expect(blocked.json().error.code).toBe('CONSULTATION_PENDING');
    expect((await s.desk.get('processor.sxd', dossier.code)).statusCode).toBe(200);
    await s.desk.ok('processor.sxd', dossier.code, { action: 'answer_consultation', answer: 'Thống nhất' });
    const again = await s.desk.act('processor.sxd', dossier.code, {
      action: 'answer_consultation',
      answer: 'Lần hai',
    });
    expect(again.statusCode).toBe(403);
    expect((await s.desk.ok('processor.stp', dossier.code, { action: 'forward' })).step).toBe('approve');
  });

  it('a late dossier: one apology no later than 1 working day before the due date, still counted late', async () => {
    const dossier = await counterIntake('1.013233', '2026-11-23T09:00:00');
    await s.desk.ok('receiver', dossier.code, { action: 'forward' });
    s.clock.now = vnAt('2026-11-26T10:00:00');
    const weekend = await s.desk.act('agency_head.sxd', dossier.code, {
      action: 'apologise',
      reason: 'Cần xác minh thực địa',
      newDueDate: '2026-12-05',
    });
    expect(weekend.statusCode).toBe(400);
    expect(weekend.json().error.fields[0].field).toBe('body.newDueDate');
    const apologised = await s.desk.ok('agency_head.sxd', dossier.code, {
      action: 'apologise',
      reason: 'Cần xác minh thực địa',
      newDueDate: '2026-12-03',
    });
    expect(apologised).toMatchObject({ apologised: true, dueAt: '2026-12-03T17:00:00+07:00' });
    const twice = await s.desk.act('agency_head.sxd', dossier.code, {
      action: 'apologise',
      reason: 'Lần nữa',
      newDueDate: '2026-12-04',
    });
    expect(twice.json().error.code).toBe('APPOINTMENT_ALREADY_RESET');
    s.clock.now = vnAt('2026-12-01T09:00:00');
    const queue = await s.t.app.inject({
      method: 'GET',
      url: '/api/queue?scope=mine&overdue=true',
      headers: bearer(await s.desk.token('processor.sxd')),
    });
    expect(queue.json().items.map((d: { code: string }) => d.code)).toContain(dossier.code);
    s.clock.now = vnAt('2026-12-02T10:00:00');
    expect((await finishGenericSxd(dossier.code)).timeliness).toBe('late');

    const other = await counterIntake('1.013233', '2026-11-23T09:05:00');
    s.clock.now = vnAt('2026-11-30T09:00:00');
    const tooLate = await s.desk.act('agency_head.sxd', other.code, {
      action: 'apologise',
      reason: 'Quá hạn',
      newDueDate: '2026-12-03',
    });
    expect(tooLate.json().error.code).toBe('APOLOGY_TOO_LATE');
  });

  it('validates the e-form against the procedure schema, listing every problem at once', async () => {
    s.clock.now = vnAt('2026-11-23T10:30:00');
    const bad = await s.desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: { childFullName: 'A', childSex: 'Khác', extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(
      [
        'body.formData.birthPlace',
        'body.formData.childBirthDate',
        'body.formData.childFullName',
        'body.formData.childSex',
        'body.formData.extra',
        'body.formData.motherFullName',
        'body.formData.relationship',
      ].sort(),
    );
    const before = await s.t.db.pool.query('SELECT count(*)::int AS n FROM dossiers');
    const good = await s.desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: applicant(),
      formData: {
        childFullName: 'Trần Gia Bảo',
        childBirthDate: '2026-11-20',
        childSex: 'Nam',
        birthPlace: 'Bệnh viện Phụ sản thành phố Cần Thơ',
        motherFullName: 'Nguyễn Thị Hồng Nhung',
        relationship: 'Mẹ',
      },
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().formData.childFullName).toBe('Trần Gia Bảo');
    const after = await s.t.db.pool.query('SELECT count(*)::int AS n FROM dossiers');
    expect(after.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n + 1);
  });

  it('sends a dossier back to an earlier step, and refuses it with reasons (a negative result is returned too)', async () => {
    const dossier = await counterIntake('3.000333', '2026-11-23T14:00:00');
    await s.desk.ok('receiver', dossier.code, { action: 'forward' });
    await s.desk.ok('processor.stp', dossier.code, { action: 'forward' });
    const toReception = await s.desk.act('agency_head.stp', dossier.code, {
      action: 'send_back',
      toStep: 'receive',
      reason: 'Về bước tiếp nhận',
    });
    expect(toReception.statusCode).toBe(400);
    expect(toReception.json().error.fields[0].field).toBe('body.toStep');
    const back = await s.desk.ok('agency_head.stp', dossier.code, {
      action: 'send_back',
      toStep: 'appraise',
      reason: 'Cần xác minh thêm',
    });
    expect(back).toMatchObject({ step: 'appraise', status: 'processing' });
    const refused = await s.desk.ok('processor.stp', dossier.code, {
      action: 'refuse',
      reason: 'Không đủ điều kiện cấp phiếu',
    });
    expect(refused).toMatchObject({
      status: 'processed',
      outcome: 'refused',
      step: 'return',
      nationalStatus: 9,
    });
    const returned = await s.desk.ok('receiver', dossier.code, {
      action: 'return_result',
      method: 'counter',
    });
    expect(returned).toMatchObject({ status: 'returned', outcome: 'refused' });
  });

  it('lets the applicant withdraw until a result is issued: a request once received, which the agency stops', async () => {
    s.clock.now = vnAt('2026-11-23T11:00:00');
    const submitted = await s.desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: applicant(),
    });
    const code = submitted.json().code as string;
    await s.desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    const requested = await s.desk.ok('citizen', code, { action: 'withdraw', reason: 'Không còn nhu cầu' });
    expect(requested).toMatchObject({ status: 'withdrawal_requested', nationalStatus: 7, outcome: null });
    // Asked once; nothing else moves it but stopping it, which an officer of another agency may not do.
    expect(
      (
        await s.desk.act('citizen', code, {
          action: 'withdraw',
          version: requested.version,
          reason: 'Lần nữa',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await s.desk.act('receiver.ninhkieu', code, { action: 'forward', version: requested.version }))
        .statusCode,
    ).toBe(409);
    const elsewhere = await s.desk.act('receiver.stp', code, {
      action: 'stop_processing',
      version: requested.version,
      reason: 'Không còn nhu cầu',
    });
    expect([403, 404]).toContain(elsewhere.statusCode);
    const stopped = await s.desk.ok('receiver.ninhkieu', code, {
      action: 'stop_processing',
      reason: 'Không còn nhu cầu',
    });
    expect(stopped).toMatchObject({ status: 'stopped', nationalStatus: 8, outcome: 'withdrawn' });

    // Before the agency took it in, the applicant's withdrawal stops the dossier at once.
    const early = await s.desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: applicant(),
    });
    const gone = await s.desk.ok('citizen', early.json().code, { action: 'withdraw', reason: 'Nộp nhầm' });
    expect(gone).toMatchObject({ status: 'stopped', nationalStatus: 8 });
  });

  it('refuses a stale version with 409', async () => {
    const dossier = await counterIntake('3.000333', '2026-11-23T11:30:00');
    const stale = await s.t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.code}/actions`,
      headers: bearer(await s.desk.token('receiver')),
      payload: { action: 'forward', version: 7 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  describe('the real internal processes (processes.json)', () => {
    it('1.004944 at a ward: the unit head assigns, only the assignee appraises, every step to the return', async () => {
      s.clock.now = vnAt('2026-11-23T08:00:00');
      const dossier = await counterIntake('1.004944', '2026-11-23T08:00:00', 'receiver.ninhkieu');
      expect(dossier).toMatchObject({ handlingAgency: NINH_KIEU, dueAt: '2026-11-30T17:00:00+07:00' });
      expect((await s.desk.ok('receiver.ninhkieu', dossier.code, { action: 'forward' })).step).toBe('assign');
      const badAssignee = await s.desk.act('unit_head.ninhkieu', dossier.code, {
        action: 'assign',
        assignee: 'citizen',
      });
      expect(badAssignee.statusCode).toBe(400);
      const assigned = await s.desk.ok('unit_head.ninhkieu', dossier.code, {
        action: 'assign',
        assignee: 'processor.ninhkieu',
      });
      expect(assigned.assigneeId).not.toBeNull();
      expect((await s.desk.ok('unit_head.ninhkieu', dossier.code, { action: 'forward' })).step).toBe(
        'appraise',
      );
      const other = await s.desk.act('processor2.ninhkieu', dossier.code, { action: 'forward' });
      expect(other.statusCode).toBe(403);
      expect((await s.desk.ok('processor.ninhkieu', dossier.code, { action: 'forward' })).step).toBe(
        'review',
      );
      expect((await s.desk.ok('unit_head.ninhkieu', dossier.code, { action: 'forward' })).step).toBe(
        'approve',
      );
      expect((await s.desk.ok('agency_head.ninhkieu', dossier.code, { action: 'approve' })).step).toBe(
        'issue',
      );
      await s.desk.ok('clerk.ninhkieu', dossier.code, { action: 'sign' });
      await s.desk.ok('clerk.ninhkieu', dossier.code, { action: 'issue_result' });
      s.clock.now = vnAt('2026-11-24T09:00:00');
      const returned = await s.desk.ok('receiver.ninhkieu', dossier.code, {
        action: 'return_result',
        method: 'counter',
      });
      expect(returned).toMatchObject({ status: 'returned', timeliness: 'early' });
    });

    it('1.012994 in working hours (1 day = 8 h): 168 h gives 21 working days', async () => {
      const intakeAt = '2026-11-23T08:00:00';
      const dossier = await counterIntake('1.012994', intakeAt, 'receiver.ninhkieu');
      const expected = formatVnInstant(dueAfterWorkingDays(shippedClock, vnAt(intakeAt), 21));
      expect(dossier.dueAt).toBe(expected);
      await s.desk.ok('receiver.ninhkieu', dossier.code, { action: 'forward' });
      expect((await fromAssignmentToReturn(dossier.code, 'ninhkieu', 'receiver.ninhkieu')).status).toBe(
        'returned',
      );
    });

    it('1.001806 at the Department of Health, received at the provincial centre', async () => {
      const dossier = await counterIntake('1.001806', '2026-11-23T09:00:00');
      expect(dossier).toMatchObject({
        receivingAgency: CENTRE,
        handlingAgency: SYT,
        dueAt: '2026-12-07T17:00:00+07:00',
      });
      await s.desk.ok('receiver', dossier.code, { action: 'forward' });
      const wrongUnit = await s.desk.act('processor.stp', dossier.code, {
        action: 'assign',
        assignee: 'processor.syt',
      });
      expect(wrongUnit.statusCode).toBe(404);
      await s.desk.ok('unit_head.syt', dossier.code, { action: 'assign', assignee: 'processor.syt' });
      expect((await fromAssignmentToReturn(dossier.code, 'syt', 'receiver')).status).toBe('returned');
    });
  });
});
