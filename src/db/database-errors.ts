import { AppError } from '../shared/errors.js';

/** Network-level failures of the driver: the database cannot be reached at all. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection terminated due to connection timeout',
];

/**
 * Maps a database error to the answer people and programs get: the database being away is a 503 (retry later),
 * a value PostgreSQL refuses is a 400, a broken constraint a 409 — never a 500 for something a request caused.
 * Null when it is not a database error at all. SQLSTATE classes from PostgreSQL's Appendix A.
 */
export function databaseError(error: unknown): AppError | null {
  if (!error || typeof error !== 'object') return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if ((typeof code === 'string' && UNREACHABLE.has(code)) || DRIVER_MESSAGES.some((m) => text.startsWith(m)))
    return unavailable();
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  const sqlClass = code.slice(0, 2);
  if (sqlClass === '08' || ['57P01', '57P02', '57P03', '53300', '53000', '57014'].includes(code))
    return unavailable();
  if (sqlClass === '22' || code === '23502' || code === '23514' || sqlClass === '54')
    return new AppError(
      'VALIDATION_FAILED',
      'Dữ liệu không hợp lệ: cơ sở dữ liệu không chấp nhận giá trị đã gửi.',
    );
  if (code === '23505') return new AppError('CONFLICT', 'Dữ liệu trùng với một bản ghi đã có.');
  if (code === '23503')
    return new AppError(
      'CONFLICT',
      'Dữ liệu tham chiếu tới một bản ghi không có, hoặc bản ghi đang được dùng.',
    );
  if (code === '40001' || code === '40P01')
    return new AppError('CONFLICT', 'Có thao tác đồng thời trên cùng dữ liệu; vui lòng thử lại.');
  if (code === '53100')
    return new AppError('STORAGE_FULL', 'Hệ thống tạm thời không ghi được dữ liệu (hết dung lượng lưu trữ).');
  return null;
}

function unavailable(): AppError {
  return new AppError(
    'DATABASE_UNAVAILABLE',
    'Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.',
  );
}

/** Whether an error is PostgreSQL's unique violation on the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}
