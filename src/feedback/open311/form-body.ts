import { cleanString } from '../../shared/clean-input.js';
import { AppError } from '../../shared/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Percent-decoding to bytes, then strict UTF-8: a malformed escape or invalid bytes are refused, not replaced. */
function decodeComponent(text: string, field: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '+') bytes.push(0x20);
    else if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex))
        throw new AppError('VALIDATION_FAILED', 'Dữ liệu biểu mẫu có mã thoát % không hợp lệ.', [
          { field, message: 'Mã thoát % không hợp lệ' },
        ]);
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(c ?? '', 'utf8')) bytes.push(byte);
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    throw new AppError('INVALID_ENCODING', 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.', [
      { field, message: 'Không phải UTF-8 hợp lệ' },
    ]);
  }
}

/**
 * An `application/x-www-form-urlencoded` body (how GeoReport v2 clients post) parsed with the same hygiene
 * as JSON bodies: strict UTF-8, every key and value NFC without NUL or lone surrogates, a bounded number of
 * fields, and a repeated field refused rather than silently merged.
 */
export function parseFormBody(body: Buffer, maxFields = 100): Record<string, string> {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new AppError('INVALID_ENCODING', 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.');
  }
  const out: Record<string, string> = Object.create(null);
  const pairs = text.split('&').filter((pair) => pair !== '');
  if (pairs.length > maxFields)
    throw new AppError('INPUT_TOO_LARGE', `Biểu mẫu có quá nhiều trường (tối đa ${maxFields}).`);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = cleanString(decodeComponent(rawKey, 'body'), 'body');
    const value = cleanString(decodeComponent(rawValue, `body.${key}`), `body.${key}`);
    if (Object.hasOwn(out, key))
      throw new AppError('VALIDATION_FAILED', `Trường ${key} xuất hiện hơn một lần.`, [
        { field: `body.${key}`, message: 'Trường lặp lại' },
      ]);
    out[key] = value;
  }
  return { ...out };
}
