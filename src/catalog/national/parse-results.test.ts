import { describe, expect, it } from 'vitest';
import { parseResults } from './parse-results.js';

const WIDGET =
  'Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Phường/ XãSở-- Chọn Phường/ Xã --Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyếnNộp hồ sơ';

describe('the results', () => {
  it('reads each result with its national code, and drops the page widget (1.013828)', () => {
    expect(
      parseResults(
        `Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất.Mã: KQ.G10.001148Quyết định giao đất, cho thuê đất, giao khu vực biển để lấn biểnMã: KQ.G10.000874${WIDGET}`,
      ),
    ).toEqual({
      results: [
        {
          name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất.',
          code: 'KQ.G10.001148',
        },
        { name: 'Quyết định giao đất, cho thuê đất, giao khu vực biển để lấn biển', code: 'KQ.G10.000874' },
      ],
      note: null,
      review: [],
    });
  });

  it('keeps a code of another shape whole, in review (1.003338, 3.000164)', () => {
    const sevenDigits = parseResults(
      `Quyết định về việc chấp thuận, chấp thuận thay đổi, bổ sung, gia hạn trực tiếp nhận và chi, trả ngoại tệMã: KQ.G19.000213Văn bản từ chối chấp thuận, chấp thuận thay đổi, bổ sung, gia hạn trực tiếp nhận và chi, trả ngoại tệMã: KQ.G19.0005567${WIDGET}`,
    );
    expect(sevenDigits.results.map((r) => r.code)).toEqual(['KQ.G19.000213', 'KQ.G19.0005567']);
    expect(sevenDigits.review).toEqual([
      expect.objectContaining({
        field: 'ket_qua_xu_ly',
        code: 'result_code_nonstandard',
        text: 'KQ.G19.0005567',
      }),
    ]);
    const court = parseResults('Văn bản tố tụng của Tòa án theo tiến trình giải quyếtMã: VBTT');
    expect(court.results).toEqual([
      { name: 'Văn bản tố tụng của Tòa án theo tiến trình giải quyết', code: 'VBTT' },
    ]);
    expect(court.review.map((r) => r.code)).toEqual(['result_code_nonstandard']);
  });

  it('keeps the page description when it says something (2.002338)', () => {
    const parsed = parseResults(
      'Chứng nhận chủng loại gạo thơm xuất khẩu được hưởng miễn thuế nhập khẩu theo hạn ngạchMã: KQ.G10.000033Từ khóaKhông có thông tinMô tả- Bộ Nông nghiệp và Môi trường (Cục Trồng trọt và Bảo vệ thực vật) tiếp tục thực hiện việc giải quyết 02 thủ tục hành chính trên đến hết ngày 30/6/2026.\n- Cơ quan được Chủ tịch Ủy ban nhân dân cấp tỉnh giao giải quyết thủ tục hành chính thực hiện việc giải quyết 02 thủ tục hành chính trên từ ngày 01/7/2026. Chọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Phường/ XãSở-- Chọn Phường/ Xã --Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyếnNộp hồ sơ',
    );
    expect(parsed.results).toEqual([
      {
        name: 'Chứng nhận chủng loại gạo thơm xuất khẩu được hưởng miễn thuế nhập khẩu theo hạn ngạch',
        code: 'KQ.G10.000033',
      },
    ]);
    expect(parsed.note).toMatch(/^- Bộ Nông nghiệp và Môi trường .* từ ngày 01\/7\/2026\.$/);
  });
});
