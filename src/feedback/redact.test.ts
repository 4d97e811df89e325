import { describe, expect, it } from 'vitest';
import { REDACTED, redactPersonalData } from './redact.js';

describe('personal data removed before publishing', () => {
  it.each([
    ['Gọi 0912345678 hoặc 0912 345 678', `Gọi ${REDACTED} hoặc ${REDACTED}`],
    ['Số +84 912.345.678 xin gọi lại', `Số ${REDACTED} xin gọi lại`],
    ['Thư: nhung.tran@example.vn.', `Thư: ${REDACTED}.`],
    ['CCCD 092190012345, CMND 361234567', `CCCD ${REDACTED}, CMND ${REDACTED}`],
    ['Mã số thuế 1801234567-001', `Mã số thuế ${REDACTED}`],
    ['Thủ tục 1.001193 mất 15 ngày, năm 2026', 'Thủ tục 1.001193 mất 15 ngày, năm 2026'],
    ['Hồ sơ 000.00.01.H13-261122-0012', 'Hồ sơ 000.00.01.H13-261122-0012'],
  ])('%s', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it('removes the submitter’s own name and address, whole words in any case, longest first', () => {
    expect(
      redactPersonalData('Bà NGUYỄN THỊ HOA ở 12 Trần Hưng Đạo; bà Hoa phản ánh. Hoang không đổi.', [
        'Nguyễn Thị Hoa',
        'Hoa',
        '12 Trần Hưng Đạo',
      ]),
    ).toBe(`Bà ${REDACTED} ở ${REDACTED}; bà ${REDACTED} phản ánh. Hoang không đổi.`);
  });

  it('matches a name typed in decomposed Unicode (NFD) against the stored NFC form', () => {
    expect(redactPersonalData('Ông Lê Văn Tám'.normalize('NFD'), ['Lê Văn Tám'])).toBe(`Ông ${REDACTED}`);
  });

  it('ignores names too short to mean anything and treats regex characters literally', () => {
    expect(redactPersonalData('A (b) c', ['A', '(b)'])).toBe(`A ${REDACTED} c`);
  });
});
