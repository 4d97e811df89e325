import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortalDate, portalDate } from './portal-date.js';

describe('national portal dates (yyyyMMddHHmmss, Vietnam time)', () => {
  it('writes the Vietnam wall-clock time of an instant', () => {
    // 22/11/2026 01:30:05 UTC is 08:30:05 in Vietnam.
    expect(portalDate(Date.parse('2026-11-22T01:30:05Z'))).toBe('20261122083005');
    // 31/12 at 20:00 UTC is already the next year in Vietnam.
    expect(portalDate(Date.parse('2026-12-31T20:00:00Z'))).toBe('20270101030000');
  });

  it('refuses what is not a real date in that form', () => {
    expect(parsePortalDate('20261122083005')).toBe(Date.parse('2026-11-22T01:30:05Z'));
    for (const bad of ['2026-11-22', '20260230120000', '20261122250000', '2026112208300', 'x0261122083005'])
      expect(parsePortalDate(bad), bad).toBeNull();
  });

  it('reads back every instant it writes, to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const instant = seconds * 1000;
        return parsePortalDate(portalDate(instant)) === instant;
      }),
    );
  });
});
