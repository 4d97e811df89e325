import { describe, expect, it } from 'vitest';
import { parseLegalBasis } from './parse-legal-basis.js';

const rows = (field: string) => parseLegalBasis(field).legalBasis.map(({ raw, ...row }) => row);

describe('the legal-basis table', () => {
  it('splits rows where the number runs into the next title (1.000253)', () => {
    const parsed = parseLegalBasis(
      'Tên văn bản pháp lýMã văn bảnLuật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt NamLuật 47/2014/QH13Thông tư quy định cách thức thực hiện khai báo, tiếp nhận thông tin tạm trú của người nước ngoài tại Việt Nam53/2016/TT-BCA',
    );
    expect(parsed.review).toEqual([]);
    expect(parsed.legalBasis).toEqual([
      {
        number: '47/2014/QH13',
        title: 'Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam',
        date: null,
        issuer: null,
        raw: 'Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt NamLuật 47/2014/QH13',
      },
      {
        number: '53/2016/TT-BCA',
        title:
          'Thông tư quy định cách thức thực hiện khai báo, tiếp nhận thông tin tạm trú của người nước ngoài tại Việt Nam',
        date: null,
        issuer: null,
        raw: 'Thông tư quy định cách thức thực hiện khai báo, tiếp nhận thông tin tạm trú của người nước ngoài tại Việt Nam53/2016/TT-BCA',
      },
    ]);
  });

  it('reads a list with twin numbers, a title ending in a year, and the date and issuer after a number (1.001258)', () => {
    const list = rows(
      'Tên văn bản pháp lýMã văn bảnLuật 49/2019/QH1449/2019/QH14Nghị định 76/2020/NĐ-CP76/2020/NĐ-CPLuật Xuất cảnh, nhập cảnh của công dân Việt Nam và Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam sửa đổi 202323/2023/QH15QUY ĐỊNH MỨC THU, CHẾ ĐỘ THU, NỘP, QUẢN LÝ VÀ SỬ DỤNG PHÍ, LỆ PHÍ TRONG LĨNH VỰC XUẤT CẢNH, NHẬP CẢNH, QUÁ CẢNH, CƯ TRÚ TẠI VIỆT NAM25/2021/TT-BTCNghị định số 67/2024/NĐ-CP ngày 25/6/2024 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 76/2020/NĐ-CP ngày 01/7/2020 của Chính phủ quy định chi tiết đối tượng, trình tự, thủ tục, thẩm quyền cấp, thu hồi, hủy giá trị sử dụng giấy thông hành và Nghị định số 77/2020/NĐ-CP ngày 01/7/2020 của Chính phủ quy định việc quản lý, khai thác thông tin trong Cơ sở dữ liệu quốc gia về xuất nhập cảnh; dịch vụ công trực tuyến phục vụ cấp, quản lý, kiểm soát hộ chiếu của công dân Việt Nam; kiểm soát xuất nhập cảnh bằng cổng kiểm soát tự động.67/2024/NĐ-CPThông tư 43/2024/TT-BTC của Bộ Tài chính43/2024/TT-BTC',
    );
    expect(list.map((row) => [row.number, row.date, row.issuer])).toEqual([
      ['49/2019/QH14', null, null],
      ['76/2020/NĐ-CP', null, null],
      ['23/2023/QH15', null, null],
      ['25/2021/TT-BTC', null, null],
      ['67/2024/NĐ-CP', '2024-06-25', 'Chính phủ'],
      ['43/2024/TT-BTC', null, 'Bộ Tài chính'],
    ]);
    expect(list[0]?.title).toBe('Luật 49/2019/QH14');
    expect(list[2]?.title).toMatch(/ sửa đổi 2023$/);
  });

  it('strips the kind glued before a number from the title (1.001559)', () => {
    expect(
      rows(
        'Tên văn bản pháp lýMã văn bản73/2025/TT-NHNNSố 73/2025/TT-NHNNLuật Các tổ chức tín dụngLuật số 32/2024/QH15Thông tư sửa đổi, bổ sung một số điều của một số Thông tư về tổ chức tín dụng là hợp tác xã liên quan đến\ncắt giảm, phân cấp, đơn giản hóa thủ tục hành chính\n15/2026/TT-NHNN',
      ).map((row) => [row.number, row.title]),
    ).toEqual([
      ['73/2025/TT-NHNN', '73/2025/TT-NHNN'],
      ['32/2024/QH15', 'Luật Các tổ chức tín dụng'],
      [
        '15/2026/TT-NHNN',
        'Thông tư sửa đổi, bổ sung một số điều của một số Thông tư về tổ chức tín dụng là hợp tác xã liên quan đến cắt giảm, phân cấp, đơn giản hóa thủ tục hành chính',
      ],
    ]);
  });

  it('keeps a cut-off number as it is, in review (1.012805)', () => {
    const parsed = parseLegalBasis(
      'Tên văn bản pháp lýMã văn bảnLuật số 43/2024/QH15 ngày 29/6/202443/2024/QH15Thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và cổng Dịch vụ công quốc gia118/2025/NĐ-CQuy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai151/2025/NĐ-CPNghị định 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ quy định chi tiết thi hành một số điều của Luật Đất đai.102/2024/NĐ-CPLuật Đất đai ngày 18/01/2024;31/2024/QH15',
    );
    expect(parsed.legalBasis.map((row) => [row.number, row.date])).toEqual([
      ['43/2024/QH15', '2024-06-29'],
      ['118/2025/NĐ-C', null],
      ['151/2025/NĐ-CP', null],
      ['102/2024/NĐ-CP', '2024-07-30'],
      ['31/2024/QH15', null],
    ]);
    expect(parsed.review).toEqual([
      expect.objectContaining({ field: 'can_cu_phap_ly', code: 'legal_number_truncated' }),
    ]);
  });

  it('keeps text without a full number in review (2.001709) and reads "Không có thông tin" as none', () => {
    const parsed = parseLegalBasis(
      'Tên văn bản pháp lýMã văn bảnQuyết định 24/2024/QĐ-UBND Sơn La 2024 mẫu hồ sơ, thủ tục chọn dự án hỗ trợ sản xuất liên kết theo chuỗi giá trị24/2024',
    );
    expect(parsed.legalBasis).toMatchObject([
      { number: '24/2024/QĐ-UBND' },
      {
        number: null,
        title: 'Sơn La 2024 mẫu hồ sơ, thủ tục chọn dự án hỗ trợ sản xuất liên kết theo chuỗi giá trị24/2024',
      },
    ]);
    expect(parsed.review.map((r) => r.code)).toEqual(['legal_basis_unparsed']);
    expect(parseLegalBasis('Không có thông tin')).toEqual({ legalBasis: [], review: [] });
  });
});
