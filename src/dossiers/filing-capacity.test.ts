import { describe, expect, it } from 'vitest';
import { decideFilingCapacity, LEGAL_REPRESENTATIVE_VI, type VerifiedFiler } from './filing-capacity.js';
import type { Applicant } from './model.js';

const address = { line: '1 Hòa Bình', wardCode: '31135' };
const filer: VerifiedFiler = {
  idNumber: '092088000004',
  fullName: 'Phạm Quốc Huy',
  organisation: { taxCode: '1801234567', name: 'Công ty TNHH Thương mại Tây Đô' },
};
const person = (idNumber: string): Applicant => ({
  kind: 'person',
  fullName: 'Phạm Quốc Huy',
  idNumber,
  birthDate: '1988-02-14',
  address,
  phone: '0912345678',
});
const organisation = (taxCode: string): Applicant => ({
  kind: 'organisation',
  fullName: 'Công ty',
  idNumber: taxCode,
  address,
  phone: '0292123456',
});

describe('in what capacity a verified person files online', () => {
  it('for themselves: no representative on the record', () => {
    expect(decideFilingCapacity(filer, person(filer.idNumber), undefined)).toEqual({
      ok: true,
      capacity: 'self',
      representative: null,
    });
  });

  it('for the organisation they represent at law: they are its representative, named from the verified identity', () => {
    const decision = decideFilingCapacity(filer, organisation('1801234567'), {
      fullName: 'typed by hand',
      idNumber: filer.idNumber,
      phone: '0912345678',
    });
    expect(decision).toEqual({
      ok: true,
      capacity: 'legal_representative',
      representative: {
        fullName: 'Phạm Quốc Huy',
        idNumber: '092088000004',
        phone: '0912345678',
        authorisation: LEGAL_REPRESENTATIVE_VI,
        capacity: 'legal_representative',
      },
    });
  });

  it('for another person or organisation: only with a named authorisation', () => {
    for (const applicant of [person('092190000001'), organisation('1809999999')]) {
      const refused = decideFilingCapacity(filer, applicant, undefined);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.problems.map((p) => p.field)).toEqual(['representative.authorisation']);
      const blank = decideFilingCapacity(filer, applicant, {
        fullName: 'x',
        idNumber: filer.idNumber,
        authorisation: '   ',
      });
      expect(blank.ok).toBe(false);
      const granted = decideFilingCapacity(filer, applicant, {
        fullName: 'x',
        idNumber: filer.idNumber,
        authorisation: ' Giấy ủy quyền số 12/2026 ngày 01/12/2026 ',
      });
      expect(granted).toEqual({
        ok: true,
        capacity: 'authorised',
        representative: {
          fullName: 'Phạm Quốc Huy',
          idNumber: '092088000004',
          authorisation: 'Giấy ủy quyền số 12/2026 ngày 01/12/2026',
          capacity: 'authorised',
        },
      });
    }
  });

  it('an account without an organisation is never taken as one’s representative', () => {
    const plain = { ...filer, organisation: null };
    expect(decideFilingCapacity(plain, organisation('1801234567'), undefined).ok).toBe(false);
  });

  it('the representative on an online filing is always the account holder', () => {
    const decision = decideFilingCapacity(filer, person('092190000001'), {
      fullName: 'Someone else',
      idNumber: '092190000099',
      authorisation: 'Giấy ủy quyền số 1',
    });
    expect(decision).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: 'representative.idNumber' })],
    });
  });
});
