import { nfc } from '../../shared/text.js';

/**
 * A run of white space that is not already one plain space: two or more characters, or one other than U+0020 (the
 * characters of \s). Single spaces, most of any text, are left alone: replacing each with itself made parsing the
 * whole national file several times slower.
 */
const SPACE_RUN = /\s{2,}|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** One line of text: NFC, every run of white space (tabs, line breaks, no-break spaces) as one space. */
export function inline(value: string | undefined): string {
  return nfc(value ?? '')
    .replace(SPACE_RUN, ' ')
    .trim();
}

/** A block of text: NFC, line breaks kept, spaces inside lines collapsed, blank lines dropped. */
export function block(value: string | undefined): string {
  return nfc(value ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(SPACE_RUN, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The portal fills empty cells with "Không có thông tin"; some authors write "Không" or "Không có". */
export function isNoInformation(value: string): boolean {
  return /^(không có thông tin|không có|không)\.?$/i.test(value.trim());
}

/** Text, or null when it is empty or says there is nothing. */
export function textOrNull(value: string | undefined): string | null {
  const text = block(value);
  return text && !isNoInformation(text) ? text : null;
}

/**
 * Splits a list the portal joined with ", " when an item itself may hold commas ("Thuế tỉnh, thành phố"):
 * a new item starts only at a capital letter after the comma, outside parentheses.
 */
export function splitCapitalisedList(value: string): string[] {
  const text = inline(value);
  if (!text || isNoInformation(text)) return [];
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0 && /^ \p{Lu}/u.test(text.slice(i + 1, i + 3))) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items.filter(Boolean);
}

/** Reads "dd/mm/yyyy" or "dd tháng mm năm yyyy" parts as an ISO date, or null when it is not a real date. */
export function isoDate(day: string, month: string, year: string): string | null {
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
