import { describe, expect, it } from 'vitest';
import { formatVnInstant } from '../calendar/dates.js';
import { shippedClock as clock, vn } from '../calendar/test-clock.js';
import {
  answerDue,
  classificationDues,
  classifiedOnTime,
  handleDue,
  nextProgressDue,
  progressOwed,
  publishDue,
  urgencyOf,
} from './deadlines.js';
import { DEFAULT_FEEDBACK_SETTINGS as settings } from './settings.js';

const at = (instant: number) => formatVnInstant(instant);

describe('feedback deadlines in working days on the announced calendar (RULES.md §7: 2 / 5 / 5 / 15 / 2, progress every 5)', () => {
  it('received on Friday 24/1/2025, the last working day before Tết Ất Tỵ (25/1–2/2)', () => {
    const dues = classificationDues(clock, settings, vn('2025-01-24 15:30'));
    expect(at(dues.rejectBy)).toBe('2025-02-04T17:00:00+07:00');
    expect(at(dues.classifyBy)).toBe('2025-02-07T17:00:00+07:00');
    // 15 working days from Mon 3/2 → Mon 24/2; the first progress report 5 more → Mon 3/3.
    const handleBy = handleDue(clock, settings, vn('2025-02-03 08:00'));
    expect(at(handleBy)).toBe('2025-02-24T17:00:00+07:00');
    expect(at(nextProgressDue(clock, settings, handleBy, null))).toBe('2025-03-03T17:00:00+07:00');
  });

  it('received on Friday 13/2/2026 before Tết Bính Ngọ (14–22/2): refused by Tue 24/2, classified by Fri 27/2', () => {
    const dues = classificationDues(clock, settings, vn('2026-02-13 10:00'));
    expect(at(dues.rejectBy)).toBe('2026-02-24T17:00:00+07:00');
    expect(at(dues.classifyBy)).toBe('2026-02-27T17:00:00+07:00');
  });

  it('received during the Tết break counts from the first working day after it', () => {
    const dues = classificationDues(clock, settings, vn('2026-02-17 09:00'));
    // Counted as received Mon 23/2: 2 working days → Wed 25/2.
    expect(at(dues.rejectBy)).toBe('2026-02-25T17:00:00+07:00');
  });

  it('received on the make-up Saturday 10/1/2026: a working day, so the period starts on it', () => {
    const dues = classificationDues(clock, settings, vn('2026-01-10 09:00'));
    expect(at(dues.rejectBy)).toBe('2026-01-13T17:00:00+07:00');
    expect(at(dues.classifyBy)).toBe('2026-01-16T17:00:00+07:00');
  });

  it('a result on Friday 9/1/2026 is due answered on the make-up Saturday 10/1 and published by Mon 12/1 (the Saturday counts)', () => {
    expect(at(answerDue(clock, { ...settings, answerWithinDays: 1 }, vn('2026-01-09 10:00')))).toBe(
      '2026-01-10T17:00:00+07:00',
    );
    expect(at(publishDue(clock, settings, vn('2026-01-09 10:00')))).toBe('2026-01-12T17:00:00+07:00');
  });

  it('received after office hours counts from the next working day', () => {
    const dues = classificationDues(clock, settings, vn('2026-03-06 18:30'));
    expect(at(dues.rejectBy)).toBe('2026-03-11T17:00:00+07:00');
  });

  it('a refusal is on time within 2 working days, a forward within 5', () => {
    const received = vn('2026-03-02 09:00');
    expect(classifiedOnTime(clock, settings, received, vn('2026-03-04 16:00'), true)).toBe(true);
    expect(classifiedOnTime(clock, settings, received, vn('2026-03-05 08:00'), true)).toBe(false);
    expect(classifiedOnTime(clock, settings, received, vn('2026-03-09 16:59'), false)).toBe(true);
    expect(classifiedOnTime(clock, settings, received, vn('2026-03-10 08:00'), false)).toBe(false);
  });

  it('progress reports: every 5 working days after the deadline, from the deadline or the last report after it', () => {
    const handleBy = vn('2026-03-17 17:00');
    expect(at(nextProgressDue(clock, settings, handleBy, vn('2026-03-10 09:00')))).toBe(
      '2026-03-24T17:00:00+07:00',
    );
    expect(at(nextProgressDue(clock, settings, handleBy, vn('2026-03-25 09:00')))).toBe(
      '2026-04-01T17:00:00+07:00',
    );
    const state = { status: 'handling' as const, handleBy, progressBy: vn('2026-03-24 17:00') };
    expect(progressOwed(state, vn('2026-03-24 16:00'))).toBe(false);
    expect(progressOwed(state, vn('2026-03-25 08:00'))).toBe(true);
    expect(progressOwed({ ...state, status: 'handled' }, vn('2026-03-25 08:00'))).toBe(false);
  });

  it('urgency: waiting without a deadline, overdue after it, due soon within one working day, else on track', () => {
    const due = vn('2026-03-17 17:00');
    expect(urgencyOf(clock, settings, null, vn('2026-03-17 09:00'))).toBe('waiting');
    expect(urgencyOf(clock, settings, due, vn('2026-03-17 17:01'))).toBe('overdue');
    expect(urgencyOf(clock, settings, due, vn('2026-03-16 17:00'))).toBe('due_soon');
    expect(urgencyOf(clock, settings, due, vn('2026-03-16 16:00'))).toBe('on_track');
  });
});
