import { AppError } from '../shared/errors.js';

const allowed = 'Chỉ nhận tệp PDF, JPEG, PNG, TIFF, DOCX hoặc XLSX.';

/** A file whose content is not one of the allowed kinds, with what it was found to be. */
export function notAllowed(found: string): AppError {
  return new AppError('FILE_TYPE_NOT_ALLOWED', `Loại tệp không được chấp nhận: ${found}. ${allowed}`);
}

export function corrupt(detail: string): AppError {
  return new AppError('FILE_CORRUPT', `Tệp bị hỏng hoặc không đầy đủ: ${detail}.`);
}

export function tooLarge(detail: string): AppError {
  return new AppError('FILE_TOO_LARGE', `Tệp vượt quá giới hạn cho phép: ${detail}.`);
}
