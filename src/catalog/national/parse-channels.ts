import type { ChannelEntry, NationalFee, NationalTimeLimit, ReviewCode, ReviewItem } from './model.js';
import { findFeeMentions, parseFeeCell } from './parse-fee.js';
import { distinctLimits, findTimeLimits, parseTimeCell } from './parse-time-limit.js';
import { reviewItem } from './review.js';
import { block, inline, isNoInformation } from './text.js';

const FIELD = 'cach_thuc_thuc_hien';
const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

type ChannelLabel = 'Trực tiếp' | 'Trực tuyến' | 'Dịch vụ bưu chính';
const CHANNELS: Record<ChannelLabel, ChannelEntry['channel']> = {
  'Trực tiếp': 'counter',
  'Trực tuyến': 'online',
  'Dịch vụ bưu chính': 'postal',
};
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

/** "… 15 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ": a limit counted from the receipt of the dossier. */
const FROM_RECEIPT = /^\s*,?\s*kể\s+từ\s+(?:ngày|khi|thời\s+điểm)[^.;]{0,40}?nhận/iu;

/**
 * The limit a description gives for the whole procedure: it must state exactly one, counted from the receipt of
 * the dossier; a description naming several limits (one per step or per case) gives none.
 */
function limitOfDescription(
  description: string | null,
  limits: NationalTimeLimit[],
): NationalTimeLimit | null {
  const distinct = distinctLimits(limits);
  const only = distinct.length === 1 ? distinct[0] : undefined;
  if (!only || !description) return null;
  const text = inline(description);
  const at = text.indexOf(only.raw);
  return at >= 0 && FROM_RECEIPT.test(text.slice(at + only.raw.length)) ? only : null;
}

interface TimeReading {
  limit: NationalTimeLimit | null;
  issue?: { code: ReviewCode; detail: string };
}

/** The channel's limit from its time cell, helped by its description only where the text is explicit. */
function readTime(
  label: string,
  time: string,
  description: string | null,
  stated: NationalTimeLimit[],
): TimeReading {
  const cell = parseTimeCell(time);
  switch (cell.kind) {
    case 'limit':
      return { limit: cell.limit };
    case 'bare_number': {
      // The portal shows some limits without unit; the description may state the same figure with its unit.
      const same = distinctLimits(
        stated.filter((limit) => limit.value === cell.value && limit.min === undefined),
      );
      if (same.length === 1 && same[0]) return { limit: same[0] };
      return {
        limit: null,
        issue: { code: 'channel_time_unit_missing', detail: `${label}: "${time}" không có đơn vị` },
      };
    }
    case 'text': {
      const limit = limitOfDescription(cell.text, findTimeLimits(cell.text));
      return limit
        ? { limit }
        : { limit: null, issue: { code: 'channel_time_text', detail: `${label}: "${time}"` } };
    }
    case 'none': {
      const limit = limitOfDescription(description, stated);
      return limit ? { limit } : { limit: null, issue: { code: 'channel_time_missing', detail: label } };
    }
  }
}

/** One row: the channel, its time cell, its fee cells and its description. */
function parseRow(label: ChannelLabel, row: string): { entry: ChannelEntry; review: ReviewItem[] } {
  const review: ReviewItem[] = [];
  const rowText = inline(`${label}${row}`);
  const cells = splitCells(row);
  const description = block(cells.description) || null;
  const descriptionLimits = findTimeLimits(description ?? '');

  let time: string | null = cells.time;
  const fees: NationalFee[] = cells.fees.map((cell, index) => {
    let shown = cell.shown;
    if (index === 0 && cells.runTogether) {
      const cut = cutRunTogether(cells.runTogether.digits, cells.runTogether.currency, [
        cell.description,
        description,
      ]);
      if (!cut) {
        review.push(reviewItem(FIELD, 'time_fee_run_together', rowText, `${label}: "${cell.shown}"`));
        time = null;
        const description = cell.description ? inline(cell.description) : null;
        return {
          kind: 'amount',
          amount: null,
          currency: null,
          shown: cell.shown,
          per: null,
          description,
          mentions: findFeeMentions(description),
          flags: [],
          raw: cell.shown,
        };
      }
      time = cut.time;
      shown = `${cut.amount} ${cells.runTogether.currency}`;
    }
    const parsed = parseFeeCell(shown, cell.description);
    review.push(
      ...parsed.issues.map((issue) => reviewItem(FIELD, issue.code, rowText, `${label}: ${issue.detail}`)),
    );
    return parsed.fee;
  });
  if (cells.fees.length === 0)
    review.push(reviewItem(FIELD, 'fee_unparsed', rowText, `${label}: không thấy cột phí`));

  // When the time and the amount could not be told apart, the review item above covers the time too.
  const reading = time === null ? { limit: null } : readTime(label, time, description, descriptionLimits);
  if (reading.issue) review.push(reviewItem(FIELD, reading.issue.code, rowText, reading.issue.detail));
  return {
    entry: {
      channel: CHANNELS[label],
      label,
      timeLimit: reading.limit,
      timeText: inline(time ?? cells.runTogether?.digits ?? ''),
      fees,
      description,
      descriptionLimits,
      descriptionFees: findFeeMentions(description),
    },
    review,
  };
}

/**
 * The channel table ("Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả") flattened to text: one entry per row, in
 * the portal's order (a channel may appear twice, e.g. at the commune and at a representative office abroad, or
 * once per case with its own limit).
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
  const lead = inline(body.slice(0, starts[0]?.at ?? body.length));
  if (lead) review.push(reviewItem(FIELD, 'channel_text_unparsed', lead));
  const channels = starts.map((start, i) => {
    const row = parseRow(
      start.label,
      body.slice(start.at + start.label.length, starts[i + 1]?.at ?? body.length),
    );
    review.push(...row.review);
    return row.entry;
  });
  return { hasTable: true, channels, review };
}
