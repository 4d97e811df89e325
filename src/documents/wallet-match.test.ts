import { describe, expect, it } from 'vitest';
import { matches, offersFor } from './wallet-match.js';

const item = (title: string, validUntil: string | null = null, id = 1) => ({ id, title, validUntil });
const today = '2026-12-01';

describe('which wallet items stand for a required document', () => {
  it('the same name, whatever the case and the marks', () => {
    expect(matches('Giấy khai sinh', item('GIẤY KHAI SINH'), today)).toBe(true);
    expect(matches('Giay khai sinh', item('Giấy khai sinh'), today)).toBe(true);
  });

  it('a name inside the longer one, as whole words, with two meaningful words in common', () => {
    expect(
      matches('Giấy khai sinh của người được đăng ký thường trú (bản sao)', item('Giấy khai sinh'), today),
    ).toBe(true);
    expect(matches('Bản sao Giấy khai sinh', item('Giấy khai sinh'), today)).toBe(true);
  });

  it('not a name that only shares filler words or part of a word', () => {
    expect(matches('Giấy tờ chứng minh chỗ ở hợp pháp', item('Giấy tờ'), today)).toBe(false);
    expect(matches('Giấy chứng sinh', item('Giấy khai sinh'), today)).toBe(false);
    expect(matches('Tờ khai đăng ký khai sinh', item('Giấy khai sinh'), today)).toBe(false);
    expect(matches('Giấy khai sinhx', item('Giấy khai sinh'), today)).toBe(false);
    expect(matches('', item('Giấy khai sinh'), today)).toBe(false);
  });

  it('not an item past its validity; one valid today still counts', () => {
    expect(matches('Phiếu lý lịch tư pháp', item('Phiếu lý lịch tư pháp', '2026-11-30'), today)).toBe(false);
    expect(matches('Phiếu lý lịch tư pháp', item('Phiếu lý lịch tư pháp', '2026-12-01'), today)).toBe(true);
  });

  it('offers, per required document, every matching item', () => {
    const items = [
      item('Giấy khai sinh', null, 1),
      item('Giấy chứng sinh', null, 2),
      item('Giấy khai sinh', null, 3),
    ];
    expect(offersFor(['Giấy khai sinh của trẻ', 'Tờ khai thay đổi thông tin cư trú'], items, today)).toEqual([
      { document: 'Giấy khai sinh của trẻ', itemIds: [1, 3] },
      { document: 'Tờ khai thay đổi thông tin cư trú', itemIds: [] },
    ]);
  });
});
