import { describe, expect, it } from 'vitest';
import { classifyTimeliness } from './classify.js';
import { shippedClock as clock, vn } from './test-clock.js';

const appointment = vn('2026-11-27 17:00');
const base = { appointmentAt: appointment, supplements: [], supplementRequestsDuringProcessing: 0 };

describe('timeliness of a finished dossier (RULES.md §5)', () => {
  it('is on time on the appointment day, not after the instant', () => {
    expect(classifyTimeliness(clock, { ...base, finishedAt: vn('2026-11-27 08:00') })).toBe('on_time');
    expect(classifyTimeliness(clock, { ...base, finishedAt: appointment })).toBe('on_time');
  });
  it('is early when finished at least one working day before the appointment day', () => {
    expect(classifyTimeliness(clock, { ...base, finishedAt: vn('2026-11-26 16:59') })).toBe('early');
  });
  it('is late after the appointment instant', () => {
    expect(classifyTimeliness(clock, { ...base, finishedAt: vn('2026-11-27 17:01') })).toBe('late');
  });
  it('subtracts supplement intervals from the end', () => {
    const input = {
      ...base,
      finishedAt: vn('2026-12-01 10:00'),
      supplements: [{ from: vn('2026-11-24 10:00'), to: vn('2026-11-28 10:00') }],
    };
    expect(classifyTimeliness(clock, input)).toBe('on_time');
    expect(classifyTimeliness(clock, { ...input, supplements: [] })).toBe('late');
  });
  it('counts more than one supplement request during processing as late', () => {
    const input = { ...base, finishedAt: vn('2026-11-24 10:00'), supplementRequestsDuringProcessing: 2 };
    expect(classifyTimeliness(clock, input)).toBe('late');
  });
  it('honours a configured early threshold', () => {
    const input = { ...base, finishedAt: vn('2026-11-26 10:00') };
    expect(classifyTimeliness(clock, input, { earlyThresholdDays: 2 })).toBe('on_time');
  });
});
