import { describe, expect, it } from 'vitest';
import { parseDocuments } from './parse-documents.js';

const brief = (field: string) =>
  parseDocuments(field).documents.map(({ name, templates, originals, copies, form }) => ({
    name,
    templates,
    originals,
    copies,
    form,
  }));

describe('the document tables', () => {
  it('splits the name, the template file and the count glued together (1.000253)', () => {
    const parsed = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngPhiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)101-Mau A17 tam tru cho nguoi nuoc ngoai.doc1 bản chính',
    );
    expect(parsed.review).toEqual([]);
    expect(parsed.documents).toEqual([
      {
        name: 'Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)',
        templates: ['101-Mau A17 tam tru cho nguoi nuoc ngoai.doc'],
        originals: 1,
        copies: 0,
        form: 'original',
        group: null,
        condition: null,
        raw: 'Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)101-Mau A17 tam tru cho nguoi nuoc ngoai.doc1 bản chính',
      },
    ]);
  });

  it('reads copies and originals, groups by the heading of each table (1.012538)', () => {
    const parsed = parseDocuments(
      '* Hồ sơ đề nghị hưởng trợ cấp tai nạn, gồm: Tên giấy tờMẫu đơn, tờ khaiSố lượng- Giấy ra viện hoặc trích sao hồ sơ bệnh án sau khi điều trị tai nạn đối với trường hợp điều trị nội trú hoặc bản sao giấy chứng nhận thương tích do cơ sở y tế nơi đã cấp cứu, điều trị cấp.1 bản chính,1 bản sao- Trường hợp bị tai nạn giao thông thì có thêm biên bản của cơ quan  Công an.1 bản chínhĐơn đề nghị trợ cấp tai nạn, trợ cấp tiền tuất, tiền mai táng phí (Mẫu số 02 ban hành kèm theo Nghị định số 40/2024/NĐ-CP).Mus02-nnghtrcptainntutN40.2024suatheoN184.2025.docx1 bản chính,1 bản sao- Biên bản giám định mức suy giảm khả năng lao động của hội đồng giám định y khoa bệnh viện cấp tỉnh và tương đương trở lên.1 bản chính* Hồ sơ đề nghị hưởng trợ cấp tiền tuất, tiền mai táng phí, gồm: Tên giấy tờMẫu đơn, tờ khaiSố lượng- Giấy ra viện hoặc trích sao hồ sơ bệnh án sau khi điều trị tai nạn đối với trường hợp điều trị nội trú.1 bản chính,1 bản sao- Bản sao giấy chứng tử hoặc trích lục khai tử.0 bản chính,1 bản sao',
    );
    expect(parsed.review).toEqual([]);
    expect(
      parsed.documents.map((d) => [
        d.name.slice(0, 30),
        d.originals,
        d.copies,
        d.form,
        d.templates,
        d.group?.slice(0, 40),
      ]),
    ).toEqual([
      [
        'Giấy ra viện hoặc trích sao hồ',
        1,
        1,
        'original_and_copy',
        [],
        '* Hồ sơ đề nghị hưởng trợ cấp tai nạn, g',
      ],
      ['Trường hợp bị tai nạn giao thô', 1, 0, 'original', [], '* Hồ sơ đề nghị hưởng trợ cấp tai nạn, g'],
      [
        'Đơn đề nghị trợ cấp tai nạn, t',
        1,
        1,
        'original_and_copy',
        ['Mus02-nnghtrcptainntutN40.2024suatheoN184.2025.docx'],
        '* Hồ sơ đề nghị hưởng trợ cấp tai nạn, g',
      ],
      ['Biên bản giám định mức suy giả', 1, 0, 'original', [], '* Hồ sơ đề nghị hưởng trợ cấp tai nạn, g'],
      [
        'Giấy ra viện hoặc trích sao hồ',
        1,
        1,
        'original_and_copy',
        [],
        '* Hồ sơ đề nghị hưởng trợ cấp tiền tuất,',
      ],
      ['Bản sao giấy chứng tử hoặc trí', 0, 1, 'copy', [], '* Hồ sơ đề nghị hưởng trợ cấp tiền tuất,'],
    ]);
  });

  it('attaches "Đối với trường hợp …" headings to the documents under them as their condition (1.013994, excerpt)', () => {
    const { documents } = parseDocuments(
      'a) Đối với trường hợp đất để thực hiện dự án chưa được cấp Giấy chứng nhận:Tên giấy tờMẫu đơn, tờ khaiSố lượngHợp đồng chuyển nhượng dự án hoặc một phần dự án theo quy định của pháp luật.0 bản chính,1 bản saoĐơn đăng ký đất đai, tài sản gắn liền với đất1 bản chínhb) Đối với trường hợp đất để thực hiện dự án đã được cấp Giấy chứng nhận:Tên giấy tờMẫu đơn, tờ khaiSố lượng(1) Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 18 ban hành kèm theo Nghị định số 151/2025/NĐ-CP.1 bản chính(2) Giấy chứng nhận đã cấp cho bên chuyển nhượng dự án bất động sản.0 bản chính,1 bản sao',
    );
    expect(documents.map((d) => [d.name, d.form, d.condition])).toEqual([
      [
        'Hợp đồng chuyển nhượng dự án hoặc một phần dự án theo quy định của pháp luật.',
        'copy',
        'a) Đối với trường hợp đất để thực hiện dự án chưa được cấp Giấy chứng nhận:',
      ],
      [
        'Đơn đăng ký đất đai, tài sản gắn liền với đất',
        'original',
        'a) Đối với trường hợp đất để thực hiện dự án chưa được cấp Giấy chứng nhận:',
      ],
      [
        '(1) Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 18 ban hành kèm theo Nghị định số 151/2025/NĐ-CP.',
        'original',
        'b) Đối với trường hợp đất để thực hiện dự án đã được cấp Giấy chứng nhận:',
      ],
      [
        '(2) Giấy chứng nhận đã cấp cho bên chuyển nhượng dự án bất động sản.',
        'copy',
        'b) Đối với trường hợp đất để thực hiện dự án đã được cấp Giấy chứng nhận:',
      ],
    ]);
  });

  it('takes the form from the name when it says so: certified copy, original or copy (3.000358, 3.000361)', () => {
    expect(
      brief(
        '--Tên giấy tờMẫu đơn, tờ khaiSố lượngBản sao có chứng thực giấy phép xây dựng, bản vẽ bố trí mặt bằng tổng thể, hồ sơ thiết kế kích thước hình sát hạch, loại xe cơ giới dùng để sát hạch.1 bản chínhVăn bản đề nghị chấp thuận hoạt động của sân tập lái để sát hạch lái xe mô tô (theo mẫu)1 bản chính',
      ).map((d) => [d.form, d.originals]),
    ).toEqual([
      ['certified_copy', 1],
      ['original', 1],
    ]);
    expect(
      brief(
        '--Tên giấy tờMẫu đơn, tờ khaiSố lượngGiấy phép xây dựng (bản sao kèm bản chính hoặc bản sao có chứng thực hoặc bản sao điện tử được chứng thực từ bản chính hoặc bản sao điện tử từ sổ gốc)1 bản chínhVăn bản đề nghị cấp giấy phép sát hạch (theo mẫu)1 bản chính,1 bản sao',
      ).map((d) => d.form),
    ).toEqual(['original_or_copy', 'original_and_copy']);
  });

  it('does not take counts written inside a name for the count cell (1.007661, excerpt)', () => {
    expect(
      brief(
        '--Tên giấy tờMẫu đơn, tờ khaiSố lượngCông văn đề nghị giảm thuế của người nộp thuế gửi qua Hệ thống xử lý dữ liệu điện tử của cơ quan hải quan theo các tiêu chí thông tin tại Mẫu số 3 Phụ lục VIIa hoặc công văn đề nghị giảm thuế theo Mẫu số 08 tại Phụ lục VII ban hành kèm theo Nghị định số 18/2021/NĐ-CP: 01 bản chính1 bản chính',
      ),
    ).toMatchObject([{ name: expect.stringMatching(/: 01 bản chính$/), originals: 1, copies: 0 }]);
  });

  it('splits a year from the count glued to it, but puts other digits glued to the count in review (1.003586, 1.012781)', () => {
    expect(
      brief(
        '--Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai đề nghị cấp Giấy chứng nhận đăng ký tạm thời tàu cá theo Mẫu số 08.ĐKT Phụ lục VIII ban hành kèm theo Thông tư số 02/2026/TT-BNNMT ngày 01/01/20261 bản chính,1 bản sao',
      ),
    ).toMatchObject([{ name: expect.stringMatching(/ngày 01\/01\/2026$/), originals: 1, copies: 1 }]);
    const ambiguous = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 181 bản chính,1 bản sao',
    );
    expect(ambiguous.documents).toMatchObject([{ originals: null, copies: 1 }]);
    expect(ambiguous.review).toEqual([
      expect.objectContaining({
        code: 'document_copies_ambiguous',
        field: 'thanh_phan_ho_so',
        text: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 181 bản chính,1 bản sao',
      }),
    ]);
  });

  it('lists every template file of a row (1.004167)', () => {
    expect(
      brief(
        '--Tên giấy tờMẫu đơn, tờ khaiSố lượng- Đề án khai thác nước và tình hình thực hiện giấy phép theo Mẫu 45, Mẫu 48, Phụ lục I Nghị định số 23/2026/NĐ-CP.Mau48.docxMau45.docx1 bản chính- Văn bản đề nghị gia hạn hoặc điều chỉnh giấy phép theo Mẫu 06, Mẫu 08 Phụ lục I Nghị định số 23/2026/NĐ-CP.Mau06.docxMau08.docx1 bản chính',
      ),
    ).toEqual([
      {
        name: 'Đề án khai thác nước và tình hình thực hiện giấy phép theo Mẫu 45, Mẫu 48, Phụ lục I Nghị định số 23/2026/NĐ-CP.',
        templates: ['Mau48.docx', 'Mau45.docx'],
        originals: 1,
        copies: 0,
        form: 'original',
      },
      {
        name: 'Văn bản đề nghị gia hạn hoặc điều chỉnh giấy phép theo Mẫu 06, Mẫu 08 Phụ lục I Nghị định số 23/2026/NĐ-CP.',
        templates: ['Mau06.docx', 'Mau08.docx'],
        originals: 1,
        copies: 0,
        form: 'original',
      },
    ]);
  });

  it('keeps a template it cannot tell from the name in review, verbatim (1.000028, excerpt)', () => {
    const parsed = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngBáo cáo kết quả khảo sát (đối với trường hợp phải khảo sát đường bộ) theo mẫu quy địnhbáo cáo kết quả khảo sát.docx1 bản chính',
    );
    expect(parsed.documents).toMatchObject([{ templates: [], originals: 1 }]);
    expect(parsed.review.map((r) => r.code)).toEqual(['document_template_unsplit']);
  });

  it('reports a field without the table and text left after the last count', () => {
    // 2.002338 (excerpt): the export holds a cut sentence instead of the table.
    expect(
      parseDocuments(
        'phải được kê khai và ký chữ ký số trên các biểu mẫu điện tử được cung cấp sẵn theo quy định tại khoản 1, 2 Điều 9 Nghị định số 45/2020/NĐ-CP',
      ).review.map((r) => r.code),
    ).toEqual(['documents_table_missing']);
    // 1.009645 (excerpt)
    const trailing = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngBản sao Giấy chứng nhận quyền sử dụng đất, văn bản/tài liệu về dự án đầu tư0 bản chính,1 bản sao(Trường hợp khai thác, sử dụng được thông tin về tài liệu tư cách pháp lý của nhà đầu tư, Giấy chứng nhận đăng ký đầu tư, Quyết định chấp thuận chủ trương đầu tư, Giấy chứng nhận quyền sử dụng đất hoặc các văn bản, giấy tờ khác mà đã có trong các cơ sở dữ liệu để thay thế thành phần hồ sơ giải quyết thủ tục hành chính thì hồ sơ không bao gồm bản sao của các giấy tờ này)',
    );
    expect(trailing.documents.map((d) => [d.copies, d.originals])).toEqual([
      [1, 0],
      [null, null],
    ]);
    expect(trailing.review.map((r) => r.code)).toEqual(['document_without_copies']);
  });

  it('keeps a row that names its own case as a conditional document (1.001193, excerpt)', () => {
    const parsed = parseDocuments(
      '* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.1 bản chính- Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ phải có văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ.1 bản chính- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh.1 bản chính',
    );
    expect(parsed.documents.map((d) => [d.condition, d.form, d.originals])).toEqual([
      ['Trường hợp trẻ em bị bỏ rơi', 'original', 1],
      ['Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ', 'original', 1],
      [null, 'original', 1],
    ]);
    expect(parsed.documents.every((d) => d.group === '* Giấy tờ phải nộp:')).toBe(true);
  });
});
