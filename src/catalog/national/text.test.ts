import { describe, expect, it } from 'vitest';
import { block, inline, splitCapitalisedList } from './text.js';

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

describe('white space', () => {
  it('makes every run one space, single plain spaces included, and keeps lines in blocks', () => {
    expect(inline(' Tờ  khai\tđăng\u00a0ký \n khai sinh ')).toBe('Tờ khai đăng ký khai sinh');
    expect(inline('a b\u2003c')).toBe('a b c');
    expect(block('Bước 1:\t nộp\n\n  Bước 2:  nhận ')).toBe('Bước 1: nộp\nBước 2: nhận');
  });
});
