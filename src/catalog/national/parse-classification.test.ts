import { describe, expect, it } from 'vitest';
import { parseDecision, parseKind, parseLevels } from './parse-classification.js';

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
