import type { ChannelEntry, NationalFee, NationalTimeLimit, ReviewItem } from './model.js';
import { type FeeIssue, findFeeMentions, parseFeeCell } from './parse-fee.js';
import { distinctLimits, findTimeLimits, parseTimeCell } from './parse-time-limit.js';
import { reviewItem } from './review.js';
import { block, inline, isNoInformation } from './text.js';

const FIELD = 'cach_thuc_thuc_hien';
const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

const CHANNELS: Record<ChannelLabel, ChannelEntry['channel']> = {
  'Trực tiếp': 'counter',
  'Trực tuyến': 'online',
  'Dịch vụ bưu chính': 'postal',
};
type ChannelLabel = 'Trực tiếp' | 'Trực tuyến' | 'Dịch vụ bưu chính';
const CHANNEL_NAME = /Trực tiếp|Trực tuyến|Dịch vụ bưu chính/g;

/**
 * Where a channel row starts in the flattened table. Its name is glued to its time cell ("Trực tiếp5 Ngày", "Trực
 * tuyếnKhông có thông tin"); inside a description the same words are followed by a space or a colon ("- Trực
 * tiếp: nộp hồ sơ …"). A row after the first also follows the previous row's last cell without a space.
 */
function channelStarts(body: string): { at: number; label: ChannelLabel }[] {
  const starts: { at: number; label: ChannelLabel }[] = [];
  for (const match of body.matchAll(CHANNEL_NAME)) {
    const after = body.slice(match.index + match[0].length);
    const before = body[match.index - 1];
    const opensRow =
      match.index === 0 ||
      /^\d/.test(after) ||
      /^Không/.test(after) ||
      (before !== undefined && !/\s/.test(before) && /^\p{Lu}/u.test(after));
    if (opensRow) starts.push({ at: match.index, label: match[0] as ChannelLabel });
  }
  return starts;
}

/** A fee cell: "Miễn phí", "Không có thông tin" or an amount with the portal's currency words. */
const FEE_TOKEN = /^(?:Miễn phí|Không có thông tin|\d[\d,.]*\s?(?:VNĐ|Việt Nam Đồng|USD))/u;
const TIME_WITH_UNIT = /^\d+(?:\.\d+)?\s?(?:Ngày làm việc|Giờ làm việc|Ngày|Giờ|Tháng)/u;

/** The text in brackets that starts at `open`, brackets inside included; null when they never close. */
function bracketed(text: string, open: number): string | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return null;
}

interface Cells {
  time: string;
  fees: { shown: string; description: string | null }[];
  description: string;
  /** Digits where the time cell and an amount run together ("120 VNĐ" = "1" + "20 VNĐ"). */
  runTogether?: { digits: string; currency: string };
}

function readFees(rest: string): { fees: Cells['fees']; description: string } {
  const fees: Cells['fees'] = [];
  let position = 0;
  for (;;) {
    const token = FEE_TOKEN.exec(rest.slice(position));
    if (!token) break;
    position += token[0].length;
    let description: string | null = null;
    if (rest[position] === '(') {
      description = bracketed(rest, position);
      if (description !== null) position += description.length + 2;
    }
    fees.push({ shown: token[0], description });
  }
  return { fees, description: rest.slice(position) };
}

/** Splits one channel row into its time cell, its fee cells and its description. */
function splitCells(row: string): Cells {
  const timeWithUnit = TIME_WITH_UNIT.exec(row);
  if (timeWithUnit) return { time: timeWithUnit[0], ...readFees(row.slice(timeWithUnit[0].length)) };
  if (row.startsWith('Không có thông tin')) {
    return { time: 'Không có thông tin', ...readFees(row.slice('Không có thông tin'.length)) };
  }
  const glued = /^(\d[\d,.]*)\s?(VNĐ|Việt Nam Đồng|USD)/u.exec(row);
  if (glued?.[1] && glued[2]) {
    const afterAmount = readFees(`0 ${glued[2]}${row.slice(glued[0].length)}`);
    const first = afterAmount.fees[0];
    return {
      time: '',
      fees: first ? [{ shown: glued[0], description: first.description }, ...afterAmount.fees.slice(1)] : [],
      description: afterAmount.description,
      runTogether: { digits: glued[1], currency: glued[2] },
    };
  }
  const bare = /^\d+(?:\.\d+)?/.exec(row);
  if (bare) return { time: bare[0], ...readFees(row.slice(bare[0].length)) };
  // A time given in words ("Không quy định", "Không phải trả kết quả …") runs up to the first fee cell.
  const fee = row.search(/Miễn phí|Không có thông tin|\d[\d,.]*\s?(?:VNĐ|Việt Nam Đồng|USD)/u);
  if (fee <= 0) return { time: row, fees: [], description: '' };
  return { time: row.slice(0, fee), ...readFees(row.slice(fee)) };
}

/**
 * "120 VNĐ(20.000 vnđ /tờ khai)" is the time "1" followed by the amount "20" (nghìn đồng): the digits are cut
 * where the text beside them names the amount, and only when exactly one cut does.
 */
function cutRunTogether(
  digits: string,
  currency: string,
  texts: (string | null)[],
): { time: string; amount: string } | null {
  const stated = texts.flatMap((text) => findFeeMentions(text)).map((m) => m.amount);
  const isUsd = /usd/i.test(currency);
  const cuts: { time: string; amount: string }[] = [];
  for (let i = 1; i < digits.length; i++) {
    const time = digits.slice(0, i);
    const amount = digits.slice(i);
    if (!/^(0|[1-9]\d*)$/.test(time) || !/^[1-9]\d{0,2}(,\d{3})*$|^[1-9]\d*$/.test(amount)) continue;
    const value = Number(amount.replace(/,/g, ''));
    if (stated.includes(value) || (!isUsd && stated.includes(value * 1000))) cuts.push({ time, amount });
  }
  return cuts.length === 1 ? (cuts[0] ?? null) : null;
}

export interface ParsedChannels {
  /** False when the field has no channel table at all. */
  hasTable: boolean;
  channels: ChannelEntry[];
  review: ReviewItem[];
}

/** The one limit a text states, or null when it states none or several. */
function onlyLimit(limits: NationalTimeLimit[]): NationalTimeLimit | null {
  const distinct = distinctLimits(limits);
  return distinct.length === 1 ? (distinct[0] ?? null) : null;
}

function feeReview(label: string, issues: FeeIssue[], raw: string): ReviewItem[] {
  return issues.map((issue) => reviewItem(FIELD, issue.code, raw, `${label}: ${issue.detail}`));
}

/**
 * The channel table ("Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả") flattened to text: one entry per row, in
 * the portal's order (a channel may appear twice, e.g. at the commune and at a representative office abroad).
 */
export function parseChannels(rawField: string | undefined): ParsedChannels {
  const text = (rawField ?? '').normalize('NFC');
  const review: ReviewItem[] = [];
  if (!text.startsWith(HEADER)) {
    const rest = inline(text);
    if (rest && !isNoInformation(rest)) review.push(reviewItem(FIELD, 'channel_table_missing', rest));
    return { hasTable: false, channels: [], review };
  }
  const body = text.slice(HEADER.length);
  const starts = channelStarts(body);
  if (starts.length === 0) {
    if (inline(body)) review.push(reviewItem(FIELD, 'channel_text_unparsed', inline(body)));
    return { hasTable: true, channels: [], review };
  }
  const lead = inline(body.slice(0, starts[0]?.at));
  if (lead) review.push(reviewItem(FIELD, 'channel_text_unparsed', lead));

  const channels: ChannelEntry[] = starts.map((start, i) => {
    const end = starts[i + 1]?.at ?? body.length;
    const row = body.slice(start.at + start.label.length, end);
    const rowText = inline(`${start.label}${row}`);
    const cells = splitCells(row);
    const description = block(cells.description) || null;
    const descriptionLimits = findTimeLimits(description ?? '');

    let time = cells.time;
    const fees: NationalFee[] = [];
    cells.fees.forEach((cell, index) => {
      let shown = cell.shown;
      if (index === 0 && cells.runTogether) {
        const cut = cutRunTogether(cells.runTogether.digits, cells.runTogether.currency, [
          cell.description,
          description,
        ]);
        if (!cut) {
          review.push(reviewItem(FIELD, 'time_fee_run_together', rowText, `${start.label}: "${cell.shown}"`));
          fees.push({
            kind: 'amount',
            amount: null,
            currency: null,
            shown: cell.shown,
            per: null,
            description: cell.description ? inline(cell.description) : null,
            mentions: findFeeMentions(cell.description),
            flags: [],
            raw: cell.shown,
          });
          return;
        }
        time = cut.time;
        shown = `${cut.amount} ${cells.runTogether.currency}`;
      }
      const parsed = parseFeeCell(shown, cell.description);
      fees.push(parsed.fee);
      review.push(...feeReview(start.label, parsed.issues, rowText));
    });

    let timeLimit: NationalTimeLimit | null = null;
    const timeCell = parseTimeCell(time);
    if (cells.runTogether && !time) {
      // Already in review as time_fee_run_together: the digits of the time cell are not known.
    } else if (timeCell.kind === 'limit') {
      timeLimit = timeCell.limit;
    } else if (timeCell.kind === 'bare_number') {
      // The portal shows some limits without unit; the description may state the same figure with one.
      const confirmed = distinctLimits(descriptionLimits.filter((limit) => limit.value === timeCell.value));
      const only = confirmed.length === 1 ? confirmed[0] : undefined;
      if (only && only.min === undefined) timeLimit = only;
      else
        review.push(
          reviewItem(
            FIELD,
            'channel_time_unit_missing',
            rowText,
            `${start.label}: "${time}" không có đơn vị`,
          ),
        );
    } else if (timeCell.kind === 'text') {
      timeLimit = onlyLimit(findTimeLimits(timeCell.text));
      if (!timeLimit)
        review.push(reviewItem(FIELD, 'channel_time_text', rowText, `${start.label}: "${time}"`));
    } else {
      timeLimit = onlyLimit(descriptionLimits);
      if (!timeLimit) review.push(reviewItem(FIELD, 'channel_time_missing', rowText, start.label));
    }
    if (cells.fees.length === 0 && cells.description && !cells.runTogether) {
      review.push(reviewItem(FIELD, 'fee_unparsed', rowText, `${start.label}: không thấy cột phí`));
    }
    return {
      channel: CHANNELS[start.label],
      label: start.label,
      timeLimit,
      timeText: inline(time),
      fees,
      description,
      descriptionLimits,
      descriptionFees: findFeeMentions(description),
    };
  });
  return { hasTable: true, channels, review };
}
