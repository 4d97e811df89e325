import type { NationalTimeLimit, NationalTimeUnit } from './model.js';
import { inline, isNoInformation } from './text.js';

/** Unit words, longest first so that "ngày làm việc" is not read as "ngày". */
const UNITS: [string, NationalTimeUnit][] = [
  ['ngày làm việc', 'working_days'],
  ['giờ làm việc', 'working_hours'],
  ['ngày', 'days'],
  ['tháng', 'months'],
  ['giờ', 'hours'],
];
const UNIT_PATTERN = UNITS.map(([word]) => word.replace(/ /g, '\\s+')).join('|');

function unitOf(word: string): NationalTimeUnit {
  const normal = word.toLowerCase().replace(/\s+/g, ' ');
  const found = UNITS.find(([unitWord]) => unitWord === normal);
  if (!found) throw new Error(`unit word outside the table: ${word}`);
  return found[1];
}

export type TimeCell =
  | { kind: 'limit'; limit: NationalTimeLimit }
  | { kind: 'bare_number'; value: number }
  | { kind: 'none' }
  | { kind: 'text'; text: string };

/**
 * The "Thời gian" cell of a channel: a number with the portal's unit ("5 Ngày làm việc", "29 Ngày", "6 Tháng",
 * "8 Giờ"), a bare number the portal shows without unit, "Không có thông tin", or words.
 */
export function parseTimeCell(cell: string): TimeCell {
  const text = inline(cell);
  if (!text || /^không có thông tin$/i.test(text)) return { kind: 'none' };
  const match = new RegExp(`^(\\d+(?:\\.\\d+)?)(?:\\s*(${UNIT_PATTERN}))?$`, 'iu').exec(text);
  if (!match?.[1]) return { kind: 'text', text };
  const value = Number(match[1]);
  if (!match[2]) return { kind: 'bare_number', value };
  return { kind: 'limit', limit: { value, unit: unitOf(match[2]), source: 'table', raw: text } };
}

/** Numbers may be followed by the number in words: "05 (năm) ngày làm việc". */
const IN_WORDS = String.raw`(?:\s*\([\p{L}\s]+\))?`;
const CEILING = String.raw`không\s+quá|tối\s+đa|chậm\s+nhất|không\s+vượt\s+quá`;

const RANGE = new RegExp(
  String.raw`từ\s+(\d+)${IN_WORDS}\s*(?:(?:${UNIT_PATTERN})\s+)?đến\s+(\d+)${IN_WORDS}\s*(${UNIT_PATTERN})(?![\p{L}])`,
  'giu',
);
/**
 * A figure and its unit ("03 ngày làm việc", "0,5 ngày"), maybe a ceiling; not a date ("ngày 19 tháng 10 năm
 * 2020", "Nghị định 99/2022 ngày …") nor a time of day ("trước 17 giờ").
 */
const SINGLE = new RegExp(
  String.raw`(?:(${CEILING})\s+)?(?<![\d/.,]|ngày\s|sau\s|trước\s|lúc\s)(\d{1,3}(?:[.,]5)?)${IN_WORDS}\s*(${UNIT_PATTERN})(?![\p{L}])(?!\s+\d)`,
  'giu',
);
/** "giải quyết … trong ngày (làm việc)", "trả kết quả ngay trong ngày": not "trong ngày làm việc tiếp theo". */
const SAME_DAY =
  /(?:ngay\s+)?trong\s+(?:cùng\s+)?ngày(?:\s+làm\s+việc)?(?!\s+(?:làm\s+việc\s+)?tiếp\s+theo)(?![\p{L}])/giu;
/**
 * "nếu … nhận hồ sơ sau 15 giờ … (hoàn thành) trong ngày làm việc tiếp theo": received after the cut-off, handled
 * as received on the next working day (RULES.md §5; Decree 61/2018 art. 18).
 */
const CUTOFF =
  /sau\s+(\d{1,2})\s*(?:giờ|h|:)\s*(\d{2})?(?:\s*phút)?[^.;]{0,160}?ngày\s+(?:làm\s+việc\s+)?tiếp\s+theo/iu;

function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf('\n')) + 1;
  const rest = text.slice(end);
  const stop = rest.search(/[.;\n]/);
  return text.slice(from, stop < 0 ? text.length : end + stop).trim();
}

/**
 * Every time limit a free text states, in order: ranges ("từ 05 đến 07 ngày"), ceilings ("không quá 03 ngày làm
 * việc"), plain figures, and same-day handling with its cut-off ("trong ngày …; sau 15 giờ … ngày làm việc tiếp
 * theo"). Figures of other quantities ("02 năm", "60 phút") are not time units here and are left out.
 */
export function findTimeLimits(text: string): NationalTimeLimit[] {
  const source = inline(text);
  if (!source || isNoInformation(source)) return [];
  const found: { at: number; limit: NationalTimeLimit }[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  // The cut-off is a time of day ("sau 15 giờ"), not a limit of 15 hours.
  const cutoff = CUTOFF.exec(source);
  if (cutoff) taken.push([cutoff.index, cutoff.index + cutoff[0].length]);

  for (const match of source.matchAll(RANGE)) {
    const [raw, min, max, unit] = match;
    if (!min || !max || !unit) continue;
    taken.push([match.index, match.index + raw.length]);
    found.push({
      at: match.index,
      limit: { value: Number(max), min: Number(min), unit: unitOf(unit), source: 'description', raw },
    });
  }
  for (const match of source.matchAll(SINGLE)) {
    const [raw, ceiling, value, unit] = match;
    if (!value || !unit || !free(match.index, match.index + raw.length)) continue;
    taken.push([match.index, match.index + raw.length]);
    found.push({
      at: match.index,
      limit: {
        value: Number(value.replace(',', '.')),
        unit: unitOf(unit),
        ...(ceiling ? { atMost: true } : {}),
        source: 'description',
        raw,
      },
    });
  }
  for (const match of source.matchAll(SAME_DAY)) {
    const raw = sentenceAround(source, match.index, match.index + match[0].length);
    const cutoffText = cutoff ? `${cutoff[1]?.padStart(2, '0')}:${cutoff[2] ?? '00'}` : undefined;
    found.push({
      at: match.index,
      limit: {
        value: 0,
        unit: 'same_day',
        ...(cutoffText ? { cutoff: cutoffText } : {}),
        source: 'description',
        raw: cutoff && !raw.includes(cutoff[0]) ? `${raw} … ${cutoff[0]}` : raw,
      },
    });
    break;
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.limit);
}

/** Limits that say the same thing (value, range and unit) counted once. */
export function distinctLimits(limits: NationalTimeLimit[]): NationalTimeLimit[] {
  const seen = new Set<string>();
  return limits.filter((limit) => {
    const key = `${limit.min ?? ''}-${limit.value}-${limit.unit}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
