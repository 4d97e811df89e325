import { describe, expect, it } from 'vitest';
import { dossierCode } from './dossier-code.js';

describe('dossier code (Circular 01/2018 art. 19; RULES.md §2)', () => {
  it('is the receiving agency identifier, the reception date YYMMDD and a 4-digit serial', () => {
    // The example of RULES.md: received on 22/11/2026, 12th dossier of the day.
    expect(dossierCode('000.00.01.H13', Date.parse('2026-11-22T09:00:00+07:00'), 12)).toBe(
      '000.00.01.H13-261122-0012',
    );
  });
  it('uses the Vietnam date, not UTC (a dossier received at 06:30 on 23/11 is not dated 22/11)', () => {
    expect(dossierCode('000.00.01.H13', Date.parse('2026-11-23T06:30:00+07:00'), 1)).toBe(
      '000.00.01.H13-261123-0001',
    );
  });
  it('widens the serial past 9,999 dossiers a day', () => {
    expect(dossierCode('000.31135.H13', Date.parse('2026-11-23T10:00:00+07:00'), 10_000)).toBe(
      '000.31135.H13-261123-10000',
    );
  });
});
