import type { FeeFlag, FeeMention, NationalFee, ReviewCode } from './model.js';
import { inline, isNoInformation } from './text.js';

/** Below this a VND amount cannot be a fee in đồng: the portal then shows nghìn đồng (e.g. "150 VNĐ"). */
const SMALLEST_FEE_IN_DONG = 1000;

const CURRENCY_WORDS = String.raw`Việt\s+Nam\s+Đồng|triệu\s+đồng|nghìn\s+đồng|ngàn\s+đồng|đồng|Đồng|VNĐ|VND|vnđ|đ|Đ|USD|usd`;
/** "50.000 đồng", "50.000đ", "2,000 Việt Nam Đồng" (the portal's own format), "1,5 triệu đồng", "10 USD/người". */
const AMOUNT_IN_TEXT = new RegExp(
  String.raw`(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d+(?:,\d+)?)\s*(${CURRENCY_WORDS})(?![\p{L}\d])`,
  'gu',
);
/** What an amount is per: "/hồ sơ", "/lần/thẻ", "/01 cơ sở/lần"; a few words, up to where the sentence goes on. */
const PER = /^\s*\/\s*((?:[\p{L}\d]+)(?:(?:\s+|\s*\/\s*)[\p{L}\d]+){0,3})/u;
const NOT_PER = /\s+(?:kể|từ|theo|áp|đối|cho|trong|khi|nếu|và|hoặc|tại|do|được)(?:\s.*)?$/u;
const LABEL_BEFORE = /((?:lệ phí|phí)[^:;.()\d]{0,80}?)\s*:\s*$/iu;

function readAmount(digits: string, currencyWord: string): number | null {
  const word = currencyWord.toLowerCase().replace(/\s+/g, ' ');
  if (word === 'triệu đồng') {
    const value = Number(digits.replace(/\./g, '').replace(',', '.'));
    return Number.isFinite(value) ? Math.round(value * 1_000_000) : null;
  }
  if (/^\d+,\d{1,2}$/.test(digits)) return null;
  const value = Number(digits.replace(/[.,]/g, ''));
  if (!Number.isFinite(value)) return null;
  // "nghìn đồng" is the text saying the unit out loud: the only case where we multiply.
  return word === 'nghìn đồng' || word === 'ngàn đồng' ? value * 1000 : value;
}

/** Every amount a free text names, with the fee it labels ("Lệ phí: …") and what it is per ("/hồ sơ"). */
export function findFeeMentions(text: string | null): FeeMention[] {
  const source = inline(text ?? '');
  const mentions: FeeMention[] = [];
  for (const match of source.matchAll(AMOUNT_IN_TEXT)) {
    const [raw, digits, currencyWord] = match;
    if (!digits || !currencyWord) continue;
    const amountEnd = match.index + raw.length;
    const perMatch = PER.exec(source.slice(amountEnd));
    const per = perMatch?.[1]?.replace(NOT_PER, '') || null;
    const end =
      perMatch?.[1] && per ? amountEnd + perMatch[0].length - perMatch[1].length + per.length : amountEnd;
    const amount = readAmount(digits, currencyWord);
    if (amount === null) continue;
    const label = LABEL_BEFORE.exec(source.slice(Math.max(0, match.index - 100), match.index));
    mentions.push({
      label: label?.[1] ? inline(label[1]) : null,
      amount,
      currency: /usd/i.test(currencyWord) ? 'USD' : 'VND',
      per,
      text: source.slice(match.index, end).trim(),
    });
  }
  return mentions;
}

export interface FeeIssue {
  code: ReviewCode;
  detail: string;
}

export interface ParsedFee {
  fee: NationalFee;
  issues: FeeIssue[];
}

const FEE_CELL = /^(\d[\d.,]*)\s*(VNĐ|VND|Việt Nam Đồng|đồng|USD)$/iu;

/**
 * One fee cell of a channel: "Miễn phí", "Không có thông tin" or "<amount> <currency>", with the text the portal
 * shows in brackets after it. Amounts are read in đồng; a cell shown in thousands is multiplied only when the text
 * itself states the amount in đồng, otherwise the amount stays null and the fee is flagged.
 */
export function parseFeeCell(shown: string, description: string | null): ParsedFee {
  const cell = inline(shown);
  const text = description ? inline(description) || null : null;
  const mentions = findFeeMentions(text);
  const raw = text ? `${cell}(${text})` : cell;
  const flags: FeeFlag[] = [];
  const issues: FeeIssue[] = [];
  if (new Set(mentions.map((m) => `${m.currency}${m.amount}`)).size > 1) flags.push('several_amounts');
  if (text && /%|tỷ\s+lệ|công\s+thức/iu.test(text)) {
    flags.push('percentage_or_formula');
    issues.push({ code: 'fee_percentage_or_formula', detail: text });
  }
  // "(/hồ sơ)": the bracket only says what the amount is per.
  const per = text?.startsWith('/') ? inline(text.slice(1)) || null : null;
  const fee = (kind: NationalFee['kind'], amount: number | null, currency: NationalFee['currency']) => ({
    kind,
    amount,
    currency,
    shown: kind === 'amount' ? cell : null,
    per,
    description: text,
    mentions,
    flags,
    raw,
  });

  if (/^miễn phí$/iu.test(cell)) {
    const charged = mentions.filter((m) => m.amount > 0);
    if (charged.length > 0) {
      flags.push('amount_conflict');
      issues.push({
        code: 'fee_amount_conflict',
        detail: `cột phí ghi "Miễn phí", mô tả ghi ${charged[0]?.text}`,
      });
    }
    return { fee: fee('free', 0, 'VND'), issues };
  }
  if (isNoInformation(cell)) return { fee: fee('unspecified', null, null), issues };

  const match = FEE_CELL.exec(cell);
  if (!match?.[1] || !match[2]) {
    issues.push({ code: 'fee_unparsed', detail: cell });
    return { fee: fee('amount', null, null), issues };
  }
  // The cell is the portal's number format: "," groups thousands ("20,000"); "." never appears in it.
  const shownAmount = Number(match[1].replace(/,/g, ''));
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(match[1]) || !Number.isFinite(shownAmount)) {
    issues.push({ code: 'fee_unparsed', detail: cell });
    return { fee: fee('amount', null, null), issues };
  }
  const currency = /usd/i.test(match[2]) ? 'USD' : 'VND';
  const stated = mentions.filter((m) => m.currency === currency).map((m) => m.amount);

  if (currency === 'USD' || shownAmount === 0 || shownAmount >= SMALLEST_FEE_IN_DONG) {
    if (stated.length > 0 && !stated.includes(shownAmount)) {
      flags.push('amount_conflict');
      issues.push({
        code: 'fee_amount_conflict',
        detail: `cột phí ghi ${cell}, mô tả ghi ${stated.join(', ')}`,
      });
    }
    return { fee: fee('amount', shownAmount, currency), issues };
  }
  if (stated.includes(shownAmount * 1000)) {
    flags.push('shown_in_thousands');
    return { fee: fee('amount', shownAmount * 1000, currency), issues };
  }
  if (stated.includes(shownAmount)) return { fee: fee('amount', shownAmount, currency), issues };
  // The text names other amounts, or the same figure in another currency ("50 VNĐ" beside "50USD/chuyến bay").
  const named = stated.length > 0 ? stated.map(String) : mentions.map((m) => m.text);
  flags.push('suspected_thousands');
  if (named.length > 0) flags.push('amount_conflict');
  issues.push(
    named.length > 0
      ? { code: 'fee_amount_conflict', detail: `cột phí ghi ${cell}, mô tả ghi ${named.join(', ')}` }
      : { code: 'fee_suspected_thousands', detail: cell },
  );
  return { fee: fee('amount', null, currency), issues };
}
