import { describe, expect, it } from 'vitest';
import { nationalTimeUnitSchema } from './model.js';
import { findTimeLimits, parseTimeCell } from './parse-time-limit.js';

describe('the time cell of a channel', () => {
  it('reads the portal units: working days, days, months, hours', () => {
    // 1.001200, 3.000410, 1.001010, 1.013065
    expect(parseTimeCell('3 Ngày làm việc')).toEqual({
      kind: 'limit',
      limit: { value: 3, unit: 'working_days', source: 'table', raw: '3 Ngày làm việc' },
    });
    expect(parseTimeCell('29 Ngày')).toMatchObject({ limit: { value: 29, unit: 'days' } });
    expect(parseTimeCell('6 Tháng')).toMatchObject({ limit: { value: 6, unit: 'months' } });
    expect(parseTimeCell('8 Giờ')).toMatchObject({ limit: { value: 8, unit: 'hours' } });
  });

  it('keeps a number shown without unit apart, and words as words', () => {
    expect(parseTimeCell('1')).toEqual({ kind: 'bare_number', value: 1 });
    expect(parseTimeCell('Không có thông tin')).toEqual({ kind: 'none' });
    // 1.008312
    expect(parseTimeCell('Không quy định')).toEqual({ kind: 'text', text: 'Không quy định' });
  });

  it('extends the catalogue units with months and hours', () => {
    expect(nationalTimeUnitSchema.options).toEqual(
      expect.arrayContaining([
        'working_days',
        'working_hours',
        'days',
        'same_day',
        'unspecified',
        'months',
        'hours',
      ]),
    );
  });
});

describe('time limits stated in a text', () => {
  it('reads same-day handling with its 15:00 cut-off, and the ceiling beside it (1.011441)', () => {
    const text =
      '- Cơ quan đăng ký có trách nhiệm giải quyết hồ sơ đăng ký trong ngày làm việc nhận được hồ sơ hợp lệ; nếu thời điểm nhận hồ sơ sau 15 giờ cùng ngày thì có thể hoàn thành việc đăng ký trong ngày làm việc tiếp theo. Trường hợp cơ quan đăng ký có lý do chính đáng phải kéo dài thời gian giải quyết hồ sơ đăng ký thì thời hạn giải quyết hồ sơ không quá 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ (khoản 1 Điều 16 Nghị định số 99/2022/NĐ-CP).';
    const limits = findTimeLimits(text);
    expect(limits).toHaveLength(2);
    expect(limits[0]).toMatchObject({ value: 0, unit: 'same_day', cutoff: '15:00', source: 'description' });
    expect(limits[0]?.raw).toContain('sau 15 giờ');
    expect(limits[1]).toEqual({
      value: 3,
      unit: 'working_days',
      atMost: true,
      source: 'description',
      raw: 'không quá 03 ngày làm việc',
    });
  });

  it('reads "ngay trong ngày" as same day without a cut-off when none is stated (1.000028)', () => {
    expect(findTimeLimits('Tiếp nhận và kiểm tra thành phần hồ sơ ngay trong ngày làm việc.')).toEqual([
      {
        value: 0,
        unit: 'same_day',
        source: 'description',
        raw: 'Tiếp nhận và kiểm tra thành phần hồ sơ ngay trong ngày làm việc',
      },
    ]);
  });

  it('reads working hours and "không quá" ceilings (1.013065)', () => {
    const text =
      '- Thời hạn giải quyết: + Không quá 8 giờ làm việc, kể từ khi nhận đủ hồ sơ hợp lệ. + Trong trường hợp bị mất chứng nhận đăng ký xe, biển số xe: Phải tiến hành xác minh trong thời hạn 30 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ; sau khi xác minh, nếu đủ điều kiện thì cấp chứng nhận thu hồi đăng ký xe, biển số xe trong thời hạn 02 ngày làm việc;';
    expect(findTimeLimits(text).map(({ value, unit, atMost }) => ({ value, unit, atMost }))).toEqual([
      { value: 8, unit: 'working_hours', atMost: true },
      { value: 30, unit: 'days', atMost: undefined },
      { value: 2, unit: 'working_days', atMost: undefined },
    ]);
  });

  it('reads a range with the number in words', () => {
    // No record in the national file states a range; the wording follows the legal texts' usage.
    expect(findTimeLimits('trong thời hạn từ 05 (năm) đến 07 (bảy) ngày làm việc')).toEqual([
      {
        value: 7,
        min: 5,
        unit: 'working_days',
        source: 'description',
        raw: 'từ 05 (năm) đến 07 (bảy) ngày làm việc',
      },
    ]);
  });

  it('does not read dates or times of day as limits (1.014847, 1.003867)', () => {
    expect(findTimeLimits('Nghị định số 126/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ')).toEqual([]);
    expect(
      findTimeLimits(
        'Trường hợp cơ quan tiếp nhận hồ sơ sau 16 giờ thì văn bản trả lời được gửi trong ngày làm việc tiếp theo',
      ),
    ).toEqual([]);
  });
});
