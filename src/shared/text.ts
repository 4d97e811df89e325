/** Vietnamese text is stored and compared in Unicode NFC. */
export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** Folds case and diacritics so that "nguyen van a" matches "Nguyễn Văn A" (đ has no decomposition: map it by hand). */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
