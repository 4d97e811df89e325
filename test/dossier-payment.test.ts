import { describe, expect, it } from 'vitest';
import { formatVnInstant } from '../src/calendar/dates.js';
import { dueAfterPause } from '../src/calendar/deadline.js';
import { shippedClock } from '../src/calendar/test-clock.js';
import { clockedDesk, vnAt } from './dossier-fixtures.js';
import { counterDossier } from './integration-fixtures.js';

/**
 * A financial obligation found during processing (national status 6): the applicant is asked to pay, the clock
 * stops while they do, and the appointment moves by exactly the working time spent waiting once it is paid.
 */
describe('financial obligations during processing', () => {
  const s = clockedDesk('2026-11-23T09:00:00');

  it('stops the clock while the applicant pays, then moves the appointment by the working time waited', async () => {
    const code = await counterDossier(s.desk, 1);
    const before = await s.desk.get('processor.stp', code);
    expect(before.json()).toMatchObject({ status: 'processing', step: 'appraise' });
    const oldDue = Date.parse(before.json().dueAt);

    // Values that cannot be recorded change nothing.
    for (const bad of [
      { amount: 0, reason: 'Lệ phí cấp phiếu' },
      { amount: 1.5, reason: 'Lệ phí cấp phiếu' },
      { amount: 200_000, reason: 'Lệ phí cấp phiếu', payBy: '2026-11-28' },
      { amount: 200_000, reason: 'Lệ phí cấp phiếu', payBy: '2026-11-20' },
    ]) {
      const refused = await s.desk.act('processor.stp', code, {
        action: 'request_payment',
        version: 2,
        ...bad,
      });
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
    }

    s.clock.now = vnAt('2026-11-23T10:00:00');
    const requested = await s.desk.ok('processor.stp', code, {
      action: 'request_payment',
      amount: 200_000,
      reason: 'Lệ phí cấp Phiếu lý lịch tư pháp',
      payBy: '2026-11-27',
    });
    expect(requested).toMatchObject({ status: 'payment_requested', nationalStatus: 6, stepDueAt: null });
    // The step's officer finds it by its status in the queue.
    const queue = await s.t.app.inject({
      url: '/api/queue?status=payment_requested',
      headers: { authorization: `Bearer ${await s.desk.token('processor.stp')}` },
    });
    expect(queue.json().items.map((d: { code: string }) => d.code)).toContain(code);
    // Nothing moves while it waits for the applicant.
    const forward = await s.desk.act('processor.stp', code, {
      action: 'forward',
      version: requested.version,
    });
    expect(forward.statusCode).toBe(409);
    expect(forward.json().error.message).toMatch(/nghĩa vụ tài chính/);

    // Only the receiving s.desk, or the officer of the step, records the payment.
    for (const who of ['citizen', 'receiver.ninhkieu']) {
      const denied = await s.desk.act(who, code, {
        action: 'confirm_payment',
        version: requested.version,
        reference: 'BL-0001',
      });
      expect([403, 404], who).toContain(denied.statusCode);
    }

    s.clock.now = vnAt('2026-11-25T10:00:00');
    const paid = await s.desk.ok('receiver', code, {
      action: 'confirm_payment',
      reference: 'BL-2026-000123',
    });
    expect(paid).toMatchObject({ status: 'processing', nationalStatus: 4, step: 'appraise' });
    expect(paid.stepDueAt).not.toBeNull();
    expect(paid.dueAt).toBe(
      formatVnInstant(dueAfterPause(shippedClock, oldDue, vnAt('2026-11-23T10:00:00'), s.clock.now)),
    );
    expect(Date.parse(paid.dueAt)).toBeGreaterThan(oldDue);

    // The rest of the life cycle goes on as before.
    expect((await s.desk.ok('processor.stp', code, { action: 'forward' })).step).toBe('approve');
    const events = (await s.desk.get('processor.stp', code)).json();
    expect(events.status).toBe('processing');
  });

  it('a dossier withdrawn while the applicant was paying is not late for the wait', async () => {
    s.clock.now = vnAt('2026-12-01T09:00:00');
    const code = await counterDossier(s.desk, 1);
    await s.desk.ok('processor.stp', code, { action: 'request_payment', amount: 50_000, reason: 'Lệ phí' });
    // Two months go by without the payment, far past the appointment; then the applicant withdraws at the s.desk.
    s.clock.now = vnAt('2027-02-01T09:00:00');
    const stopped = await s.desk.ok('receiver', code, {
      action: 'withdraw',
      reason: 'Không nộp được lệ phí',
    });
    expect(stopped).toMatchObject({ status: 'stopped', outcome: 'withdrawn' });
    expect(stopped.timeliness).not.toBe('late');
  });
});
