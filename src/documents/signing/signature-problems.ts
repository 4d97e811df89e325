/** Why a signature is not (fully) valid: a stable code for programs and a Vietnamese sentence for people. */
export const signatureProblemMessages = {
  SUBFILTER_NOT_SUPPORTED:
    'Kiểu chữ ký (SubFilter) không được hỗ trợ; chỉ kiểm tra được chữ ký CMS tách rời.',
  BYTE_RANGE_INVALID: 'Vùng dữ liệu được ký (ByteRange) không hợp lệ.',
  CONTENTS_MISMATCH:
    'Giá trị chữ ký trong từ điển chữ ký không khớp với phần dữ liệu được loại khỏi vùng ký.',
  CHANGED_AFTER_SIGNING:
    'Tệp có nội dung được thêm vào sau khi ký; phần thêm vào không được chữ ký này bảo vệ.',
  CMS_MALFORMED: 'Dữ liệu chữ ký không đúng định dạng CMS (RFC 5652).',
  SIGNER_COUNT: 'Chữ ký PAdES phải có đúng một người ký trong dữ liệu CMS.',
  SIGNER_CERTIFICATE_MISSING: 'Chữ ký không kèm chứng thư số của người ký.',
  ALGORITHM_NOT_SUPPORTED: 'Thuật toán băm hoặc thuật toán ký không được hỗ trợ.',
  DIGEST_MISMATCH: 'Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp).',
  CONTENT_TYPE_INVALID: 'Thuộc tính loại nội dung (content-type) của chữ ký không hợp lệ.',
  SIGNATURE_VALUE_INVALID: 'Giá trị chữ ký không khớp với khóa công khai trong chứng thư số.',
  SIGNING_CERTIFICATE_ATTRIBUTE_MISSING:
    'Chữ ký thiếu thuộc tính signing-certificate-v2 mà chuẩn PAdES yêu cầu.',
  SIGNING_CERTIFICATE_MISMATCH:
    'Thuộc tính signing-certificate-v2 không khớp với chứng thư số kèm theo chữ ký.',
  KEY_USAGE_NOT_SIGNING: 'Chứng thư số không được phép dùng để ký số.',
  CERTIFICATE_NOT_VALID_AT_SIGNING_TIME:
    'Chứng thư số chưa có hiệu lực hoặc đã hết hiệu lực tại thời điểm ký.',
  CERTIFICATE_NOT_TRUSTED: 'Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực tin cậy cấp.',
  SIGNING_TIME_UNKNOWN:
    'Không xác định được thời điểm ký; hiệu lực chứng thư được kiểm tra tại thời điểm hiện tại.',
  TIMESTAMP_INVALID: 'Dấu thời gian kèm theo chữ ký không hợp lệ hoặc không do đơn vị tin cậy cấp.',
} as const;

export type SignatureProblemCode = keyof typeof signatureProblemMessages;

export interface SignatureProblem {
  code: SignatureProblemCode;
  message: string;
}

export function problem(code: SignatureProblemCode): SignatureProblem {
  return { code, message: signatureProblemMessages[code] };
}
