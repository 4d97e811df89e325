import { describe, expect, it } from 'vitest';
import { splitCapitalisedList } from './text.js';

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
