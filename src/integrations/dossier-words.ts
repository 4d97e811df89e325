import type { EventAction } from '../dossiers/events.js';

/** What each dossier event is called in messages to people and to the national portal. */
export const ACTION_NAMES_VI: Record<EventAction, string> = {
  submit: 'Nộp hồ sơ trực tuyến',
  receive: 'Tiếp nhận hồ sơ',
  accept: 'Tiếp nhận hồ sơ',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  submit_supplement: 'Nộp bổ sung hồ sơ',
  request_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  confirm_payment: 'Đã thực hiện nghĩa vụ tài chính',
  request_withdrawal: 'Đề nghị rút hồ sơ',
  reject: 'Từ chối tiếp nhận hồ sơ',
  assign: 'Phân công xử lý',
  forward: 'Chuyển bước xử lý',
  send_back: 'Trả lại bước trước',
  consult: 'Xin ý kiến',
  answer_consultation: 'Trả lời xin ý kiến',
  transfer: 'Chuyển liên thông',
  approve: 'Phê duyệt',
  refuse: 'Từ chối giải quyết',
  digitise: 'Số hóa hồ sơ giấy',
  attach_result: 'Đính kèm kết quả giải quyết',
  sign: 'Ký số kết quả',
  issue_result: 'Ban hành kết quả',
  return_result: 'Trả kết quả',
  withdraw: 'Dừng xử lý theo yêu cầu rút hồ sơ',
  apologise: 'Xin lỗi và hẹn lại ngày trả kết quả',
  link_account: 'Gắn hồ sơ vào tài khoản của người nộp',
};

export const RETURN_METHODS_VI: Record<string, string> = {
  counter: 'Trả kết quả tại Bộ phận Một cửa',
  post: 'Trả kết quả qua dịch vụ bưu chính công ích',
  online: 'Trả kết quả trực tuyến',
};
