import { describe, expect, it } from 'vitest';
import { nationalProcedureSchema, type RawNationalRecord } from './model.js';
import { parseRecord } from './parse-record.js';

/** The first record of the shipped file, verbatim. */
const RECORD: RawNationalRecord = JSON.parse(
  String.raw`
{"ma_thu_tuc": "1.000253", "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-4fc4-7716-bab8-167242b3fcda", "formality_id": "", "ten_thu_tuc": "Khai báo tạm trú cho người nước ngoài tại Việt Nam bằng Phiếu khai báo tạm trú", "so_quyet_dinh": "QĐ/0001-BCA", "cap_thuc_hien": "Cấp xã", "loai_thu_tuc": "TTHC được giao luật quy định chi tiết", "linh_vuc": "Quản lý xuất nhập cảnh", "doi_tuong_thuc_hien": "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam, Doanh nghiệp, Người nước ngoài", "co_quan_co_tham_quyen": "Công an cấp Xã", "dia_chi_tiep_nhan": "Công an Xã", "co_quan_duoc_uy_quyen": "", "co_quan_phoi_hop": "", "thu_tuc_lien_quan": "Không có thông tin", "trinh_tu_thuc_hien": "Bước 1: Người khai báo tạm trú tiếp nhận thông tin tạm trú của người nước ngoài.\nBước 2: Khai, nộp Phiếu khai báo tạm trú cho trực ban Công an xã, phường, thị trấn hoặc đồn, trạm Công an (sau đây gọi chung là Công an cấp xã) nơi có cơ sở lưu trú (Phiếu khai báo tạm trú có thể gửi trước qua fax hoặc thông báo thông tin qua điện thoại đến Trực ban Công an cấp xã).\nCán bộ trực ban Công an cấp xã tiếp nhận hồ sơ kiểm tra tính pháp lý và nội dung hồ sơ:\nNếu nội dung Phiếu khai báo tạm trú cho người nước ngoài ghi đầy đủ thì tiếp nhận, thực hiện xác nhận theo quy định;\nNếu nội dung Phiếu khai báo tạm trú cho người nước ngoài chưa ghi đầy đủ thì yêu cầu người khai báo tạm trú sửa đổi, bổ sung.\nBước 3: Người khai báo tạm trú nhận lại Phiếu khai báo tạm trú đã có xác nhận của Công an cấp xã.", "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 NgàyKhông có thông tinNộp trực tiếp tại trụ sở Công an cấp xã", "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượngPhiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)101-Mau A17 tam tru cho nguoi nuoc ngoai.doc1 bản chính", "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt NamLuật 47/2014/QH13Thông tư quy định cách thức thực hiện khai báo, tiếp nhận thông tin tạm trú của người nước ngoài tại Việt Nam53/2016/TT-BCA", "co_quan_thuc_hien": "Công an cấp Xã", "yeu_cau_dieu_kien": "Thực hiện khai báo ngay khi người nước ngoài đến đăng ký tạm trú.", "ket_qua_xu_ly": "Phiếu khai báo tạm trú được cơ quan Công an xác nhận và các thông tin khai báo tạm trú đã được tiếp nhận ghi vào sổ trực ban của Công an cấp xã.Mã: KQ.G01.00263Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Phường/ XãSở-- Chọn Phường/ Xã --Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyếnNộp hồ sơ", "ministry_folder": "bo-cong-an"}
`,
);

describe('one national record', () => {
  it('parses every field, and lists what a controller must review (1.000253)', () => {
    const { procedure, review, tables } = parseRecord(RECORD);
    expect(nationalProcedureSchema.parse(procedure)).toEqual(procedure);
    expect(procedure).toMatchObject({
      code: '1.000253',
      name: 'Khai báo tạm trú cho người nước ngoài tại Việt Nam bằng Phiếu khai báo tạm trú',
      ministryFolder: 'bo-cong-an',
      decisions: [{ number: 'QĐ/0001-BCA', date: null }],
      levels: ['commune'],
      kind: { code: 'law_delegated_detail' },
      field: 'Quản lý xuất nhập cảnh',
      applicants: { kinds: ['organisation', 'vietnamese_citizen', 'enterprise', 'foreigner'] },
      competentAgencies: ['Công an cấp Xã'],
      handlingAgencies: ['Công an cấp Xã'],
      coordinatingAgencies: [],
      delegatedAgencies: [],
      whereToFile: 'Công an Xã',
      conditions: 'Thực hiện khai báo ngay khi người nước ngoài đến đăng ký tạm trú.',
      results: [
        {
          name: 'Phiếu khai báo tạm trú được cơ quan Công an xác nhận và các thông tin khai báo tạm trú đã được tiếp nhận ghi vào sổ trực ban của Công an cấp xã.',
          code: 'KQ.G01.00263',
        },
      ],
      note: null,
      relatedProcedures: [],
    });
    expect(procedure.steps?.split('\n')).toHaveLength(6);
    expect(procedure.channels).toMatchObject([
      {
        channel: 'counter',
        timeLimit: { value: 7, unit: 'days', source: 'table' },
        fees: [{ kind: 'unspecified', amount: null }],
        description: 'Nộp trực tiếp tại trụ sở Công an cấp xã',
      },
    ]);
    expect(procedure.documents).toMatchObject([
      { templates: ['101-Mau A17 tam tru cho nguoi nuoc ngoai.doc'], originals: 1, form: 'original' },
    ]);
    expect(procedure.legalBasis.map((row) => row.number)).toEqual(['47/2014/QH13', '53/2016/TT-BCA']);
    expect(tables).toEqual({ channels: true, documents: true });
    // The decision number is a placeholder and the result code has five digits instead of six.
    expect(review).toEqual([
      expect.objectContaining({
        field: 'so_quyet_dinh',
        code: 'decision_number_unusual',
        text: 'QĐ/0001-BCA',
      }),
      expect.objectContaining({
        field: 'ket_qua_xu_ly',
        code: 'result_code_nonstandard',
        text: 'KQ.G01.00263',
      }),
    ]);
  });

  it('returns text in NFC (1.002549 has a decomposed name)', () => {
    const name =
      'Cấp Giấy chứng nhâ\u0323n đủ điều kiện sản xuất thuốc thú y (trừ sản xuất thuốc thú y dạng dược phẩm, vắc xin)';
    expect(name).not.toBe(name.normalize('NFC'));
    const { procedure } = parseRecord({ ma_thu_tuc: '1.002549', ten_thu_tuc: name });
    expect(procedure.name).toBe(name.normalize('NFC'));
    expect(procedure.name).toContain('chứng nhận');
  });
});
