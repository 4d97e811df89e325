import { describe, expect, it } from 'vitest';
import { parseApplicants } from './parse-applicants.js';
import { parseDecision, parseKind, parseLevels } from './parse-classification.js';
import { splitCapitalisedList } from './text.js';

describe('who may apply', () => {
  it('reads the portal kinds, commas inside them included (1.001200)', () => {
    const { applicants, review } = parseApplicants(
      'Công dân Việt Nam, Doanh nghiệp, Hợp tác xã, Cán bộ, công chức, viên chức, Doanh nghiệp có vốn đầu tư nước ngoài, Tổ chức (không bao gồm doanh nghiệp, HTX)',
    );
    expect(review).toEqual([]);
    expect(applicants.kinds).toEqual([
      'vietnamese_citizen',
      'enterprise',
      'cooperative',
      'public_servant',
      'foreign_invested_enterprise',
      'organisation',
    ]);
  });

  it('puts a kind outside the list in review', () => {
    const { applicants, review } = parseApplicants('Người nước ngoài, Hộ kinh doanh');
    expect(applicants.kinds).toEqual(['foreigner']);
    expect(review).toEqual([expect.objectContaining({ code: 'applicant_unknown', text: 'Hộ kinh doanh' })]);
  });
});

describe('levels, kind and publishing decision', () => {
  it('keeps every level, others included', () => {
    expect(parseLevels('Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác')).toEqual({
      levels: ['ministry', 'province', 'commune', 'other'],
      review: [],
    });
  });

  it('reads the kind of procedure', () => {
    expect(parseKind('TTHC không được luật giao cho địa phương quy định').kind.code).toBe(
      'not_delegated_to_locality',
    );
    expect(parseKind('').kind).toEqual({ code: null, text: null });
  });

  it('reads decision numbers and puts unusual ones in review', () => {
    expect(parseDecision('4472/QĐ-BTC').decisions).toEqual([
      { number: '4472/QĐ-BTC', date: null, raw: '4472/QĐ-BTC' },
    ]);
    expect(parseDecision('SỐ 64/QĐ-NHNN').decisions[0]?.number).toBe('64/QĐ-NHNN');
    expect(parseDecision('QĐ/0001-BCA').review.map((r) => r.code)).toEqual(['decision_number_unusual']);
  });
});

describe('agency lists', () => {
  it('splits only where a new name starts with a capital', () => {
    expect(splitCapitalisedList('Cục cảnh sát quản lý hành chính về trật tự, xã hội, Công an tỉnh')).toEqual([
      'Cục cảnh sát quản lý hành chính về trật tự, xã hội',
      'Công an tỉnh',
    ]);
    expect(splitCapitalisedList('Cục Thuế - Bộ tài chính, Thuế tỉnh, thành phố, Thuế cơ sở')).toEqual([
      'Cục Thuế - Bộ tài chính',
      'Thuế tỉnh, thành phố',
      'Thuế cơ sở',
    ]);
    expect(splitCapitalisedList('Không có thông tin')).toEqual([]);
  });
});
