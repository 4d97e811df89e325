import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, birthForm, CENTRE, Desk, NINH_KIEU, STP } from './dossier-fixtures.js';
import { type TestApp, testApp } from './helpers.js';

describe('dossier life cycle over the API', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
  });
  afterAll(() => t.close());

  it('counter intake at the provincial centre → every step at the department → result → return', async () => {
    const intake = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant(),
      documents: [{ name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', form: 'original', copies: 1 }],
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const dossier = intake.json();
    expect(dossier.code).toMatch(/^000\.00\.01\.H13-\d{6}-\d{4}$/);
    expect(dossier).toMatchObject({
      status: 'accepted',
      nationalStatus: 2,
      channel: 1,
      receivingAgency: CENTRE,
      handlingAgency: STP,
      step: 'receive',
      version: 1,
    });
    expect(dossier.dueAt).toMatch(/T17:00:00\+07:00$/);
    const code = dossier.code as string;

    expect((await desk.ok('receiver', code, { action: 'forward' })).step).toBe('appraise');
    expect((await desk.ok('processor.stp', code, { action: 'forward' })).step).toBe('approve');
    expect((await desk.ok('agency_head.stp', code, { action: 'approve' })).step).toBe('issue');
    await desk.ok('clerk.stp', code, { action: 'sign' });
    const processed = await desk.ok('clerk.stp', code, { action: 'issue_result', resultNumber: '123/PLLTP' });
    expect(processed).toMatchObject({ status: 'processed', nationalStatus: 9, step: 'return' });
    const returned = await desk.ok('receiver', code, { action: 'return_result', method: 'counter' });
    expect(returned).toMatchObject({ status: 'returned', nationalStatus: 10, step: null });

    const events = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${code}/events`,
      headers: { authorization: `Bearer ${await desk.token('receiver')}` },
    });
    expect(events.json().items.map((e: { action: string }) => e.action)).toEqual([
      'receive',
      'forward',
      'forward',
      'approve',
      'sign',
      'issue_result',
      'return_result',
    ]);
  });

  it('online filing → supplement at reception → resubmission → acceptance → completion at the ward', async () => {
    const submitted = await desk.intake('citizen', {
      procedureCode: '1.001193',
      formData: birthForm,
      channel: 'online',
      applicant: applicant({ fullName: 'Trần Văn Bình' }),
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original' }],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const code = submitted.json().code as string;
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      nationalStatus: 1,
      channel: 2,
      receivingAgency: NINH_KIEU,
      handlingAgency: NINH_KIEU,
      dueAt: null,
    });
    expect(code.startsWith(`${NINH_KIEU}-`)).toBe(true);

    const supplement = await desk.ok('receiver.ninhkieu', code, {
      action: 'request_supplement',
      items: ['Giấy chứng sinh (bản chính)', 'Văn bản ủy quyền có chứng thực'],
      reason: 'Hồ sơ thiếu giấy chứng sinh và văn bản ủy quyền',
    });
    expect(supplement).toMatchObject({ status: 'supplement_requested', nationalStatus: 5 });
    await desk.ok('citizen', code, {
      action: 'submit_supplement',
      documents: [
        { name: 'Giấy chứng sinh', form: 'original' },
        { name: 'Văn bản ủy quyền', form: 'certified_copy' },
      ],
    });
    const accepted = await desk.ok('receiver.ninhkieu', code, { action: 'accept' });
    expect(accepted).toMatchObject({ status: 'accepted', nationalStatus: 2 });
    expect(accepted.dueAt).not.toBeNull();
    expect(accepted.documents).toHaveLength(3);
    await desk.ok('receiver.ninhkieu', code, { action: 'forward' });
    await desk.ok('processor.ninhkieu', code, { action: 'forward' });
    await desk.ok('agency_head.ninhkieu', code, { action: 'approve' });
    await desk.ok('clerk.ninhkieu', code, { action: 'sign' });
    await desk.ok('clerk.ninhkieu', code, { action: 'issue_result' });
    const returned = await desk.ok('receiver.ninhkieu', code, { action: 'return_result', method: 'online' });
    expect(returned.status).toBe('returned');

    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/me/dossiers',
      headers: { authorization: `Bearer ${await desk.token('citizen')}` },
    });
    const listed = mine.json().items.find((d: { code: string }) => d.code === code);
    expect(listed).toMatchObject({ code, status: 'returned', applicantName: 'Trần Văn Bình' });
    expect(listed).not.toHaveProperty('documents');
    expect(listed).not.toHaveProperty('formData');
    const tracked = await t.app.inject({ method: 'GET', url: `/api/track/${code}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ code, status: 'returned' });
    expect(tracked.json()).not.toHaveProperty('procedure');
    expect(tracked.body).not.toContain('Trần Văn Bình');
    expect(tracked.body).not.toContain('0901234567');
  });
});
