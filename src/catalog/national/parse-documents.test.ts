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

  it('takes the rows of a "Lưu ý" table as notes, not documents (1.001193, excerpt)', () => {
    const parsed = parseDocuments(
      '* Lưu ý:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Đối với việc xác định họ, dân tộc, quê quán, đặt tên cho trẻ:0 bản chính+ Trường hợp giấy tờ, tài liệu phải gửi kèm trong hồ sơ đăng ký khai sinh trực tuyến đã có bản sao điện tử hoặc đã có bản điện tử giấy tờ hộ tịch thì người yêu cầu được sử dụng bản điện tử này.0 bản chính- Đối với giấy tờ gửi kèm theo nếu người yêu cầu nộp hồ sơ theo hình thức trực tuyến:0 bản chính',
    );
    expect(parsed.documents).toEqual([]);
    expect(parsed.review).toEqual([]);
    expect(parsed.notes).toEqual([
      'Đối với việc xác định họ, dân tộc, quê quán, đặt tên cho trẻ:',
      'Trường hợp giấy tờ, tài liệu phải gửi kèm trong hồ sơ đăng ký khai sinh trực tuyến đã có bản sao điện tử hoặc đã có bản điện tử giấy tờ hộ tịch thì người yêu cầu được sử dụng bản điện tử này.',
      'Đối với giấy tờ gửi kèm theo nếu người yêu cầu nộp hồ sơ theo hình thức trực tuyến:',
    ]);
  });

  it('keeps the documents of a table and moves the guidance rows beside them to the notes (1.001193, excerpt)', () => {
    const parsed = parseDocuments(
      '* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượngTrường hợp các thông tin cá nhân trong các giấy tờ này đã có trong Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu hộ tịch điện tử, được hệ thống điền tự động thì không phải tải lên (theo hình thức trực tuyến)0 bản chính- Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (sau đây gọi tắt là giấy tờ tùy thân) để chứng minh về nhân thân khi làm thủ tục trực tiếp tại cơ quan đăng ký hộ tịch.1 bản chínhĐối với giấy tờ xuất trình khi đăng ký hộ tịch, người tiếp nhận có trách nhiệm kiểm tra, đối chiếu, ghi lại thông tin hoặc chụp lại, ký xác nhận để lưu trong hồ sơ và trả lại cho người xuất trình, không được yêu cầu nộp bản sao hoặc bản chụp giấy tờ đó.0 bản chính+ Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ đăng ký hộ tịch theo quy định của pháp luật hộ tịch, không được yêu cầu người đăng ký hộ tịch nộp thêm giấy tờ mà pháp luật hộ tịch không quy định phải nộp .0 bản chính',
    );
    expect(
      parsed.documents.map((d) => [d.name.slice(0, 40), d.originals, d.copies, d.form, d.group]),
    ).toEqual([['Hộ chiếu/Thẻ căn cước công dân/Thẻ căn c', 1, 0, 'original', '* Giấy tờ phải xuất trình:']]);
    expect(parsed.notes.map((note) => note.slice(0, 40))).toEqual([
      'Trường hợp các thông tin cá nhân trong c',
      'Đối với giấy tờ xuất trình khi đăng ký h',
      'Người tiếp nhận có trách nhiệm tiếp nhận',
    ]);
    expect(parsed.review).toEqual([]);
  });

  it('puts a case row that asks for no copy and does not say it relieves in review, verbatim (1.001193, excerpt)', () => {
    const row =
      '- Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.0 bản chính';
    const parsed = parseDocuments(
      `* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượng${row}- Hộ chiếu/Thẻ căn cước còn giá trị sử dụng.1 bản chính`,
    );
    expect(parsed.documents.map((d) => d.name)).toEqual(['Hộ chiếu/Thẻ căn cước còn giá trị sử dụng.']);
    expect(parsed.notes).toEqual([]);
    expect(parsed.review).toEqual([
      expect.objectContaining({ code: 'document_row_unclassified', field: 'thanh_phan_ho_so', text: row }),
    ]);
    expect(parsed.review[0]?.reason).toMatch(/không xác định được là giấy tờ hay hướng dẫn/);
  });

  it('keeps a document named in a row the portal counts as "0 bản chính" (1.007882)', () => {
    expect(
      brief(
        '--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai hải quan: 02 bản chính0 bản chínhHợp đồng mua bán hàng hóa hoặc các giấy tờ có giá trị pháp lý tương đương hợp đồng: 01 bản sao0 bản chính',
      ).map((d) => [d.name, d.originals, d.copies, d.form]),
    ).toEqual([
      ['Tờ khai hải quan: 02 bản chính', 0, 0, null],
      [
        'Hợp đồng mua bán hàng hóa hoặc các giấy tờ có giá trị pháp lý tương đương hợp đồng: 01 bản sao',
        0,
        0,
        null,
      ],
    ]);
  });

  it('sets aside headings inside a table: a list announcement to the notes, a case to review (1.001193, 1.007879)', () => {
    const announced = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượng- Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức trực tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau:0 bản chính- Tờ khai đăng ký khai sinh theo mẫu  (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);1 bản chính',
    );
    expect(announced.documents.map((d) => [d.name.slice(0, 34), d.originals])).toEqual([
      ['Tờ khai đăng ký khai sinh theo mẫu', 1],
    ]);
    expect(announced.notes).toEqual([
      'Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức trực tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau:',
    ]);
    const caseHeading = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượng-Đối với hàng hóa tạm nhập thì nộp bổ sung:0 bản chínhTờ khai hải quan.....1 bản chính',
    );
    expect(caseHeading.documents.map((d) => [d.name, d.condition])).toEqual([
      ['Tờ khai hải quan.....', null],
    ]);
    expect(caseHeading.review).toEqual([
      expect.objectContaining({
        code: 'document_heading_in_table',
        text: '-Đối với hàng hóa tạm nhập thì nộp bổ sung:0 bản chính',
      }),
    ]);
  });

  it('takes the number of sets and "không quy định" for notes, not documents (1.008603, 6.001435)', () => {
    const sets = parseDocuments(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị theo mẫu.1 bản chínhSố lượng hồ sơ: 01 bộ.1 bản chính',
    );
    expect(sets.documents.map((d) => d.name)).toEqual(['Đơn đề nghị theo mẫu.']);
    expect(sets.notes).toEqual(['Số lượng hồ sơ: 01 bộ.']);
    const none = parseDocuments('--Tên giấy tờMẫu đơn, tờ khaiSố lượngKhông quy định.1 bản chính');
    expect(none).toMatchObject({ hasTable: true, documents: [], notes: ['Không quy định.'], review: [] });
  });

  it('keeps a counted row that reads as guidance as a document, and puts it in review (1.005169, excerpt)', () => {
    const row =
      '- Người ủy quyền và người được ủy quyền thực hiện thủ tục đăng ký doanh nghiệp chịu trách nhiệm trước pháp luật về tính hợp pháp, trung thực và chính xác của việc ủy quyền.1 bản chính';
    const parsed = parseDocuments(
      `--Tên giấy tờMẫu đơn, tờ khaiSố lượng${row}- Trường hợp bị tai nạn giao thông thì có thêm biên bản của cơ quan Công an.1 bản chính`,
    );
    expect(parsed.documents.map((d) => [d.name.slice(0, 23), d.originals, d.condition])).toEqual([
      ['Người ủy quyền và người', 1, null],
      ['Trường hợp bị tai nạn g', 1, 'Trường hợp bị tai nạn giao thông'],
    ]);
    expect(parsed.review).toEqual([
      expect.objectContaining({ code: 'document_reads_as_guidance', text: row }),
    ]);
  });
});
