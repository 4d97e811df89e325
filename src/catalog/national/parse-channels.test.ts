import { describe, expect, it } from 'vitest';
import { parseChannels } from './parse-channels.js';

describe('the channel table', () => {
  it('gives each channel its own limit and fee when they differ (1.001200)', () => {
    const { channels, review } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến3 Ngày làm việc40 Việt Nam Đồng(40.000đ/giấy thông hành (áp dụng đến hết ngày 31/12/2024 theo Thông tư số 43/2024/TT-BTC của Bộ Tài chính).)Trực tiếp3 Ngày làm việc50 Việt Nam Đồng(50.000đ/giấy thông hành (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính).)',
    );
    expect(review).toEqual([]);
    expect(
      channels.map((c) => ({
        channel: c.channel,
        limit: c.timeLimit?.value,
        unit: c.timeLimit?.unit,
        fee: c.fees[0]?.amount,
      })),
    ).toEqual([
      { channel: 'online', limit: 3, unit: 'working_days', fee: 40_000 },
      { channel: 'counter', limit: 3, unit: 'working_days', fee: 50_000 },
    ]);
    expect(channels.every((c) => c.fees[0]?.flags.includes('shown_in_thousands'))).toBe(true);
  });

  it('keeps a channel listed twice, each with its fee (2.000815: commune in đồng, representative office in USD)', () => {
    const { channels, review } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpKhông có thông tin2,000 Việt Nam Đồng(/trang)Tại Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng: 2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản. Trang là căn cứ để thu phí được tính theo trang của bản chính;Trực tiếpKhông có thông tin10 USD(/bản)Tại cơ quan đại diện: 10 USD/bản.',
    );
    expect(channels.map((c) => [c.channel, c.fees[0]?.amount, c.fees[0]?.currency, c.fees[0]?.per])).toEqual([
      ['counter', 2000, 'VND', 'trang'],
      ['counter', 10, 'USD', 'bản'],
    ]);
    expect(channels[0]?.descriptionFees.map((m) => m.amount)).toEqual([2000, 1000, 200_000]);
    // No limit in the table nor in the descriptions: each channel is in review, with its reason.
    expect(channels.map((c) => c.timeLimit)).toEqual([null, null]);
    expect(review.map((r) => [r.code, r.field])).toEqual([
      ['channel_time_missing', 'cach_thuc_thuc_hien'],
      ['channel_time_missing', 'cach_thuc_thuc_hien'],
    ]);
  });

  it('reads months, and hours with the working hours the description states (1.001010, 1.013065)', () => {
    const months = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp6 Tháng100 USD(100 USD/thẻ.)',
    );
    expect(months.channels[0]?.timeLimit).toEqual({
      value: 6,
      unit: 'months',
      source: 'table',
      raw: '6 Tháng',
    });
    const hours = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến8 GiờMiễn phí- Cách thức thực hiện: + Chủ xe thực hiện kê khai đăng ký xe trên Cổng dịch vụ công hoặc Ứng dụng định danh quốc gia. Cơ quan đăng ký xe tiếp nhận hồ sơ trong giờ làm việc. + Trả kết quả qua dịch vụ bưu chính. - Thời hạn giải quyết: + Không quá 8 giờ làm việc, kể từ khi nhận đủ hồ sơ hợp lệ.',
    );
    expect(hours.channels[0]?.timeLimit).toMatchObject({ value: 8, unit: 'hours', source: 'table' });
    expect(hours.channels[0]?.descriptionLimits).toMatchObject([
      { value: 8, unit: 'working_hours', atMost: true },
    ]);
    expect(hours.channels[0]?.fees[0]).toMatchObject({ kind: 'free', amount: 0 });
  });

  it('keeps the same-day rule and its 15:00 cut-off beside the table limit (1.011441, excerpt)', () => {
    const { channels } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến3 Ngày làm việcKhông có thông tinPhí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quyết định đối với hoạt động đăng ký do cơ quan địa phương thực hiện (STT XII.8 Phần A Phụ lục số 01 ban hành kèm theo Luật phí và lệ phí năm 2015).\n- Cơ quan đăng ký có trách nhiệm giải quyết hồ sơ đăng ký trong ngày làm việc nhận được hồ sơ hợp lệ; nếu thời điểm nhận hồ sơ sau 15 giờ cùng ngày thì có thể hoàn thành việc đăng ký trong ngày làm việc tiếp theo. Trường hợp cơ quan đăng ký có lý do chính đáng phải kéo dài thời gian giải quyết hồ sơ đăng ký thì thời hạn giải quyết hồ sơ không quá 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ (khoản 1 Điều 16 Nghị định số 99/2022/NĐ-CP).',
    );
    const [online] = channels;
    expect(online?.timeLimit).toMatchObject({ value: 3, unit: 'working_days', source: 'table' });
    expect(online?.fees[0]?.kind).toBe('unspecified');
    expect(
      online?.descriptionLimits.map(({ value, unit, cutoff, atMost }) => ({ value, unit, cutoff, atMost })),
    ).toEqual([
      { value: 0, unit: 'same_day', cutoff: '15:00', atMost: undefined },
      { value: 3, unit: 'working_days', cutoff: undefined, atMost: true },
    ]);
  });

  it('cuts a time and an amount that run together where the text names the amount (1.000014)', () => {
    const { channels, review } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến120 VNĐ(20.000 vnđ /tờ khai)Trực tiếp120 VNĐ(20.000 vnđ /tờ khai)',
    );
    expect(channels.map((c) => [c.timeText, c.fees[0]?.amount, c.fees[0]?.flags])).toEqual([
      ['1', 20_000, ['shown_in_thousands']],
      ['1', 20_000, ['shown_in_thousands']],
    ]);
    // The time "1" has no unit: not guessed.
    expect(channels.map((c) => c.timeLimit)).toEqual([null, null]);
    expect(review.map((r) => r.code)).toEqual(['channel_time_unit_missing', 'channel_time_unit_missing']);
  });

  it('does not cut them when nothing names the amount (1.006440)', () => {
    const { channels, review } = parseChannels('Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến120 VNĐ');
    expect(channels[0]).toMatchObject({ timeLimit: null, fees: [{ amount: null, shown: '120 VNĐ' }] });
    expect(review).toEqual([
      expect.objectContaining({ code: 'time_fee_run_together', text: 'Trực tuyến120 VNĐ' }),
    ]);
  });

  it('puts a limit given in words in review, verbatim (1.009825)', () => {
    const { channels, review } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpKhôngKhông có thông tinTại Trung tâm phục vụ hành chính công cấp tỉnh, xãTrực tuyếnKhôngKhông có thông tinQua Cổng dịch vụ công Quốc gia hoặc Ứng dụng định danh quốc gia theo quy định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chínhDịch vụ bưu chínhKhôngKhông có thông tinThông qua dịch vụ bưu chính công ích theo quy định của Thủ tướng Chính phủ, qua thuê dịch vụ của doanh nghiệp, cá nhân hoặc qua ủy quyền theo quy định của pháp luật',
    );
    expect(channels.map((c) => [c.channel, c.timeText, c.description?.slice(0, 20)])).toEqual([
      ['counter', 'Không', 'Tại Trung tâm phục v'],
      ['online', 'Không', 'Qua Cổng dịch vụ côn'],
      ['postal', 'Không', 'Thông qua dịch vụ bư'],
    ]);
    expect(review.map((r) => r.code)).toEqual([
      'channel_time_text',
      'channel_time_text',
      'channel_time_text',
    ]);
  });

  it('takes the limit from a description that states only one, counted from receipt (1.003851)', () => {
    const { channels, review } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyếnKhông có thông tinMiễn phí15 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ Dịch vụ bưu chínhKhông có thông tinMiễn phí15 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ Trực tiếpKhông có thông tinMiễn phí15 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ',
    );
    expect(review).toEqual([]);
    expect(channels.map((c) => [c.channel, c.timeText, c.timeLimit])).toEqual(
      ['online', 'postal', 'counter'].map((channel) => [
        channel,
        'Không có thông tin',
        { value: 15, unit: 'working_days', source: 'description', raw: '15 ngày làm việc' },
      ]),
    );
  });

  it('does not give a unit to a bare number the description contradicts (1.009671)', () => {
    const { channels, review } = parseChannels(
      'Hình thức nộpThời gianPhí, lệ phíMô tảDịch vụ bưu chính1Miễn phí(Không có)03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.Trực tiếp1Miễn phí(Không có)03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.Trực tuyến3 Ngày làm việcMiễn phí03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.',
    );
    expect(channels.map((c) => [c.channel, c.timeText, c.timeLimit?.value ?? null])).toEqual([
      ['postal', '1', null],
      ['counter', '1', null],
      ['online', '3 Ngày làm việc', 3],
    ]);
    expect(review.map((r) => r.code)).toEqual(['channel_time_unit_missing', 'channel_time_unit_missing']);
  });

  it('reports a field without the table', () => {
    expect(parseChannels('')).toEqual({ hasTable: false, channels: [], review: [] });
    expect(parseChannels('Nộp trực tiếp').review.map((r) => r.code)).toEqual(['channel_table_missing']);
  });
});
