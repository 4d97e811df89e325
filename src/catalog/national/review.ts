import type { ReviewCode, ReviewItem } from './model.js';

const REASONS: Record<ReviewCode, string> = {
  code_malformed: 'Mã thủ tục không đúng dạng 1.234567',
  decision_number_unusual: 'Số quyết định công bố không đúng dạng số/QĐ-cơ quan',
  level_unknown: 'Cấp thực hiện không thuộc danh mục đã biết',
  kind_unknown: 'Loại thủ tục không thuộc danh mục đã biết',
  applicant_unknown: 'Đối tượng thực hiện không thuộc danh mục đã biết',
  channel_table_missing: 'Không có bảng cách thức thực hiện (hình thức nộp, thời hạn, phí)',
  channel_text_unparsed: 'Phần văn bản trong bảng cách thức thực hiện không thuộc hình thức nộp nào',
  channel_time_missing: 'Hình thức nộp không ghi thời hạn giải quyết',
  channel_time_unit_missing: 'Thời hạn giải quyết chỉ có con số, không ghi đơn vị',
  channel_time_text: 'Thời hạn giải quyết ghi bằng lời, không đọc được thành số',
  time_fee_run_together: 'Cột thời gian và cột phí dính liền nhau, không tách được chắc chắn',
  fee_unparsed: 'Không đọc được mức phí, lệ phí',
  fee_suspected_thousands: 'Mức phí quá nhỏ, có thể ghi theo nghìn đồng mà văn bản không xác nhận',
  fee_amount_conflict: 'Mô tả ghi mức phí khác với cột phí',
  fee_percentage_or_formula: 'Phí tính theo tỷ lệ hoặc công thức, không có một mức cố định',
  documents_table_missing: 'Không có bảng thành phần hồ sơ',
  document_without_copies: 'Giấy tờ không ghi số lượng bản',
  document_copies_ambiguous: 'Tên giấy tờ kết thúc bằng chữ số, không tách chắc chắn được số bản',
  document_template_unsplit: 'Không tách được tên tệp mẫu khỏi tên giấy tờ',
  document_heading_in_table:
    'Dòng tiêu đề nằm giữa bảng thành phần hồ sơ; cổng không giữ thứ tự các dòng nên không gắn chắc chắn được làm điều kiện của giấy tờ nào',
  document_reads_as_guidance:
    'Dòng có ghi số bản nhưng đọc như hướng dẫn hoặc lưu ý; vẫn để là giấy tờ, cần kiểm tra lại',
  document_row_unclassified:
    'Dòng trong bảng thành phần hồ sơ không ghi số bản và không xác định được là giấy tờ hay hướng dẫn',
  legal_basis_unparsed: 'Không đọc được số hiệu văn bản pháp lý',
  legal_number_truncated: 'Số hiệu văn bản pháp lý bị cắt hoặc không rõ cơ quan ban hành',
  result_code_missing: 'Kết quả không có mã kết quả quốc gia',
  result_code_nonstandard: 'Mã kết quả không đúng dạng KQ.Gxx.xxxxxx',
  result_text_unparsed: 'Phần văn bản kết quả không gắn được với mã nào',
};

/** A review item: the source field, the stable code, its Vietnamese reason (with detail) and the verbatim text. */
export function reviewItem(field: string, code: ReviewCode, text: string, detail?: string): ReviewItem {
  return { field, code, reason: detail ? `${REASONS[code]}: ${detail}` : REASONS[code], text };
}
