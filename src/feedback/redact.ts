/**
 * Personal data removed from what is published on the portal (Decree 13/2023 on personal data; the answer is
 * published, the person is not): e-mail addresses, phone numbers, 9- and 12-digit identity numbers, 10- and
 * 13-digit tax codes, and the submitter's own name and address as they gave them. The controller edits the
 * texts before publishing; this runs again on what they send so nothing slips through by oversight.
 */
export const REDACTED = '[đã ẩn]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// Vietnamese phone numbers: 0 or +84 then 9–10 digits, written with or without spaces, dots or dashes.
const PHONE = /(?<![\p{N}])(?:\+84|0)(?:[\s.-]?\d){9,10}(?![\p{N}])/gu;
// Identity card (9), citizen identity (12), tax code (10, or 10-3).
const ID_NUMBER = /(?<![\p{N}])(?:\d{12}|\d{10}(?:-\d{3})?|\d{9})(?![\p{N}])/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactPersonalData(text: string, known: readonly string[] = []): string {
  let out = text
    .normalize('NFC')
    .replace(EMAIL, REDACTED)
    .replace(PHONE, REDACTED)
    .replace(ID_NUMBER, REDACTED);
  const phrases = known
    .map((k) => k.normalize('NFC').trim())
    .filter((k) => k.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const phrase of phrases) {
    // Whole words only, in any letter case, so a name inside a longer word is left alone.
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'giu');
    out = out.replace(pattern, REDACTED);
  }
  return out;
}
