import type { LegalBasis, ReviewItem } from './model.js';
import { reviewItem } from './review.js';
import { inline, isNoInformation, isoDate } from './text.js';

const FIELD = 'can_cu_phap_ly';
const HEADER = 'Tên văn bản pháp lýMã văn bản';

/**
 * The parts of a Vietnamese document number's issuer ("NĐ-CP", "TT-BTC", "TTLT-BTP-BCA-BYT", "QH15"): the kind
 * of text, then the issuing bodies. The list is closed on purpose: in the flattened table the number runs into
 * the next title ("76/2020/NĐ-CPNghị định …", "47/2014/QH1349/2019/QH14"), and only known parts say where the
 * number stops.
 */
const ISSUER_PARTS = [
  'UBTVQH\\d{2}',
  'QH\\d{2}',
  'TTLT',
  'NQLT',
  'VBHN',
  'NĐ',
  'ND',
  'TT',
  'QĐ',
  'QD',
  'NQ',
  'PL',
  'CT',
  'L',
  'CP',
  'TTg',
  'BTC',
  'BCA',
  'BTP',
  'BXD',
  'BNNMT',
  'BNNPTNT',
  'BNN',
  'BTNMT',
  'NHNN',
  'BGTVT',
  'BKHĐT',
  'BKHCN',
  'BLĐTBXH',
  'BYT',
  'BCT',
  'BQP',
  'BNV',
  'BNG',
  'BTTTT',
  'BVHTTDL',
  'BGDĐT',
  'VPCP',
  'TANDTC',
  'VKSNDTC',
  'HĐTP',
  'HĐND',
  'UBND',
  'CTN',
  'UBTWMTTQVN',
  'UBTƯMTTQVN',
  'BHXH',
  'CSXH',
].sort((a, b) => b.length - a.length);
const ISSUER = `(?:${ISSUER_PARTS.join('|')})(?:-(?:${ISSUER_PARTS.join('|')}))*`;
/** "118/2025/NĐ-CP"; older and internal texts have no year ("2222/QĐ-BHXH"), then the issuer has two parts. */
const NUMBER = new RegExp(
  String.raw`(\d+(?:\.\d+)?)\/(?:(\d{4})\/(${ISSUER})|(${ISSUER}-${ISSUER}))(-?)`,
  'uy',
);
/** The code cell may carry the kind of text in front of the number, glued to the title before it. */
const CODE_PREFIX = /(?:(?:Luật|Thông tư|Nghị định|Nghị quyết|Quyết định)\s+)?(?:[Ss]ố\s*)?$/u;
/** Only a code's prefix between a number and the same number again: the first is the title's mention of it. */
const BETWEEN_TWINS = /^[\s;,.]*(?:(?:Luật|Thông tư|Nghị định|Nghị quyết|Quyết định)\s+)?(?:[Ss]ố\s*)?$/u;
/** A title ending in a year runs into the number: "Luật Công chứng năm 2024" + "46/2024/QH15". */
const YEAR_GLUED = /^((?:19|20)\d\d)\.?(\d+(?:\.\d+)?)$/;

interface NumberMatch {
  start: number;
  end: number;
  number: string;
  truncated: boolean;
}

const KIND_ONLY = /^(?:TTLT|NQLT|VBHN|NĐ|ND|TT|QĐ|QD|NQ|PL|CT|L)$/u;

/**
 * Every document number in the text. A number may start right where the previous one ends
 * ("47/2014/QH1349/2019/QH14") but not inside other digits; one whose issuing body is cut off ("118/2025/NĐ-C")
 * is marked.
 */
function numbersIn(text: string): NumberMatch[] {
  const numbers: NumberMatch[] = [];
  let previousEnd = -1;
  for (let at = 0; at < text.length; at++) {
    if (!/\d/.test(text[at] ?? '')) continue;
    // "ngày 29/6/202443/2024/QH15", "ngày 15/5/2026.55/2026/TT-BTC": a date's year runs into the number.
    const afterDate =
      text[at - 1] === '/' ? /^(?:19|20)\d\d\.?(?=\d+(?:\.\d+)?\/\d{4}\/)/.exec(text.slice(at)) : null;
    if (afterDate) at += afterDate[0].length;
    else if (at !== previousEnd && /[\d/]$|\d\.$/.test(text.slice(Math.max(0, at - 2), at))) continue;
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) continue;
    const [raw, fullSerial = '', year, issuerAfterYear, issuerAlone, dangling = ''] = match;
    const issuer = issuerAfterYear ?? issuerAlone ?? '';
    const glued = YEAR_GLUED.exec(fullSerial);
    const serial = glued?.[2] && fullSerial.length > 4 ? glued[2] : fullSerial;
    const start = at + fullSerial.length - serial.length;
    let end = at + raw.length - dangling.length;
    let number = year ? `${serial}/${year}/${issuer}` : `${serial}/${issuer}`;
    const kindOnly = KIND_ONLY.test(issuer.split('-').at(-1) ?? '');
    if (kindOnly && dangling) {
      const cut = /^-[A-ZĐ]*?(?=\p{Lu}\p{Ll}|\p{Ll}|\s|$)/u.exec(text.slice(end))?.[0] ?? '-';
      end += cut.length;
      number += cut;
    }
    numbers.push({ start, end, number, truncated: kindOnly });
    previousEnd = end;
    at = end - 1;
  }
  return numbers;
}

/**
 * A number ends a row when the next title follows it: glued to it, or after a space and a capital or a digit.
 * A number followed by the same number (maybe behind "Số ") is the title's own mention of the code that comes
 * next ("Nghị định 126/2020/NĐ-CP" + "126/2020/NĐ-CP").
 */
function rowEnds(text: string, numbers: NumberMatch[]): NumberMatch[] {
  return numbers.filter((found, i) => {
    const after = text.slice(found.end);
    const following = numbers[i + 1];
    if (following?.number === found.number && BETWEEN_TWINS.test(text.slice(found.end, following.start))) {
      return false;
    }
    if (/^[\s.;,]*$/.test(after)) return true;
    if (/^[,;.:)\]]/.test(after)) return false;
    if (/^\s/.test(after)) return /^\s+[\p{Lu}\d]/u.test(after) && !/^\s+(?:Ngày|Của)(?!\p{L})/u.test(after);
    return true;
  });
}

const ISSUERS =
  /^(Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Thủ tướng Chính phủ|Bộ trưởng Bộ [^,:;.()]+?|Bộ [^,:;.()]+?|Thống đốc Ngân hàng Nhà nước(?: Việt Nam)?|Ngân hàng Nhà nước(?: Việt Nam)?)(?=\s*[:,;.(–-]|\s+(?:quy định|Quy định|hướng dẫn|Hướng dẫn|về|Về|sửa đổi|Sửa đổi|bãi bỏ|Bãi bỏ|ban hành|Ban hành|ngày)(?!\p{L})|$)/u;

/** The date and issuer the title gives right after the document's own number, and only there. */
function dateAndIssuer(title: string, number: string): { date: string | null; issuer: string | null } {
  const at = title.indexOf(number);
  if (at < 0) return { date: null, issuer: null };
  let rest = title.slice(at + number.length);
  let date: string | null = null;
  const numeric = /^\s*,?\s*ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/u.exec(rest);
  const spelled = /^\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(rest);
  const found = numeric ?? spelled;
  if (found?.[1] && found[2] && found[3]) {
    date = isoDate(found[1], found[2], found[3]);
    rest = rest.slice(found[0].length);
  }
  const by = /^\s*,?\s*(?:của|do)\s+/u.exec(rest);
  const issuer = by ? (ISSUERS.exec(rest.slice(by[0].length))?.[1]?.trim() ?? null) : null;
  return { date, issuer };
}

export interface ParsedLegalBasis {
  legalBasis: LegalBasis[];
  review: ReviewItem[];
}

/** The legal-basis table ("Tên văn bản pháp lý | Mã văn bản") flattened to text: one entry per row. */
export function parseLegalBasis(rawField: string | undefined): ParsedLegalBasis {
  // "NÐ" with an Icelandic eth (U+00D0) appears in some numbers: it is meant as "NĐ".
  const text = inline(rawField).replace(/Ð/g, 'Đ');
  const review: ReviewItem[] = [];
  if (!text || isNoInformation(text)) return { legalBasis: [], review };
  if (!text.startsWith(HEADER)) {
    review.push(reviewItem(FIELD, 'legal_basis_unparsed', text));
    return { legalBasis: [], review };
  }
  const body = text.slice(HEADER.length);
  const ends = rowEnds(body, numbersIn(body));
  const legalBasis: LegalBasis[] = [];
  let rowStart = 0;
  for (const end of ends) {
    const row = body.slice(rowStart, end.end);
    const codeStart = end.start - rowStart;
    const before = row.slice(0, codeStart);
    const prefix = CODE_PREFIX.exec(before);
    const gluedPrefix = prefix?.[0] && !/\s$/.test(before.slice(0, prefix.index)) ? prefix : null;
    const title = inline(gluedPrefix ? before.slice(0, gluedPrefix.index) : before).replace(
      /[\s;,.:–-]+$/u,
      '',
    );
    const { date, issuer } = dateAndIssuer(title, end.number);
    if (end.truncated) review.push(reviewItem(FIELD, 'legal_number_truncated', inline(row), end.number));
    legalBasis.push({ number: end.number, title: title || end.number, date, issuer, raw: inline(row) });
    rowStart = end.end;
  }
  const trailing = inline(body.slice(rowStart));
  if (/[\p{L}\d]/u.test(trailing)) {
    review.push(reviewItem(FIELD, 'legal_basis_unparsed', trailing));
    legalBasis.push({ number: null, title: trailing, date: null, issuer: null, raw: trailing });
  }
  return { legalBasis, review };
}
