import { describe, expect, it } from 'vitest';
import { parseApplicants } from './parse-applicants.js';

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
