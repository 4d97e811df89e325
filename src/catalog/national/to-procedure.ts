import { MAX_LIMIT_VALUE, type TimeLimit } from '../../calendar/time-limit.js';
import {
  type ChannelDetail,
  type Fee,
  type FeeFlag,
  feeSchema,
  type ProcedureRecord,
  procedureContentSchema,
  type RequiredDocument,
} from '../model.js';
import { agencyKindsFor } from '../procedure-routing.js';
import type { ChannelEntry, NationalFee, NationalProcedure, NationalTimeLimit } from './model.js';
import { parseTimeCell } from './parse-time-limit.js';

/** The lists the crawl took the records from (`ministry_folder`) and the ministry each belongs to. */
const MINISTRIES: Record<string, string> = {
  'bo-tai-chinh': 'Bộ Tài chính',
  'bo-nong-nghiep-mt': 'Bộ Nông nghiệp và Môi trường',
  'bo-xay-dung': 'Bộ Xây dựng',
  'bo-tu-phap': 'Bộ Tư pháp',
  'bo-cong-an': 'Bộ Công an',
  'ngan-hang-nha-nuoc': 'Ngân hàng Nhà nước Việt Nam',
  'toa-an-nhan-dan': 'Tòa án nhân dân tối cao',
};

/** Why a channel has no limit in a unit: kept as the catalogue's "unspecified", with the published text. */
function unspecified(entry: ChannelEntry): TimeLimit {
  const cell = parseTimeCell(entry.timeText);
  if (cell.kind === 'bare_number' && cell.value <= MAX_LIMIT_VALUE)
    return {
      value: cell.value,
      unit: 'unspecified',
      note: `Cổng Dịch vụ công quốc gia ghi "${entry.timeText}", không ghi đơn vị`,
    };
  return {
    value: null,
    unit: 'unspecified',
    note: entry.timeText
      ? `Cổng Dịch vụ công quốc gia ghi "${entry.timeText}"`.slice(0, 2000)
      : 'Cổng Dịch vụ công quốc gia không ghi thời hạn giải quyết',
  };
}

/** A national limit as the catalogue keeps it; a range keeps its ceiling, the text says the rest. */
function catalogueLimit(limit: NationalTimeLimit, entry: ChannelEntry): TimeLimit {
  if (limit.unit === 'same_day')
    return { value: 0, unit: 'same_day', ...(limit.cutoff ? { cutoff: limit.cutoff } : {}) };
  if (limit.value > MAX_LIMIT_VALUE || (limit.unit === 'months' && !Number.isInteger(limit.value)))
    return unspecified(entry);
  const notes = [
    limit.min !== undefined ? `từ ${limit.min} đến ${limit.value}` : null,
    limit.atMost ? 'không quá' : null,
  ].filter(Boolean);
  return {
    value: limit.value,
    unit: limit.unit,
    ...(notes.length > 0 ? { note: `${notes.join(', ')} (${limit.raw})`.slice(0, 2000) } : {}),
  };
}

function channelLimit(entry: ChannelEntry): TimeLimit {
  return entry.timeLimit ? catalogueLimit(entry.timeLimit, entry) : unspecified(entry);
}

const FLAGS: Partial<Record<NationalFee['flags'][number], FeeFlag>> = {
  shown_in_thousands: 'shown_in_thousands',
  percentage_or_formula: 'percentage_or_formula',
  several_amounts: 'several_amounts',
};

/** A fee in đồng where the text allows; otherwise the amount stays null, the text is kept and the fee flagged. */
export function catalogueFee(fee: NationalFee): Fee {
  const flags = fee.flags.flatMap((flag) => FLAGS[flag] ?? []);
  if (fee.kind === 'amount' && fee.amount === null) flags.unshift('unparsed');
  const label = fee.mentions.find((mention) => mention.label)?.label ?? null;
  return feeSchema.parse({
    amount: fee.kind === 'unspecified' ? null : fee.amount,
    currency: fee.currency ?? 'VND',
    basis: fee.per,
    description:
      fee.kind === 'unspecified' ? 'Cổng Dịch vụ công quốc gia không có thông tin' : fee.description,
    exemptions: null,
    label,
    shown: fee.shown,
    flags,
  });
}

/** The limit of the procedure as a whole: the one every channel states, else the counter's, else the first. */
function generalLimit(details: ChannelDetail[]): TimeLimit {
  const known = details.filter((detail) => detail.timeLimit.unit !== 'unspecified');
  const first = known[0];
  if (first && known.every((d) => JSON.stringify(d.timeLimit) === JSON.stringify(first.timeLimit)))
    return first.timeLimit;
  const counter = known.find((detail) => detail.channel === 'counter');
  return (counter ?? first ?? details[0])?.timeLimit ?? { value: null, unit: 'unspecified' };
}

function distinctFees(details: ChannelDetail[]): Fee[] {
  const seen = new Set<string>();
  return details
    .flatMap((detail) => detail.fees)
    .filter((fee) => {
      const key = JSON.stringify(fee);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function catalogueDocument(document: NationalProcedure['documents'][number]): RequiredDocument {
  const counted = document.originals !== null && document.copies !== null;
  return {
    name: document.name,
    form: document.form,
    copies: Math.min(50, (document.originals ?? 0) + (document.copies ?? 0)),
    template: null,
    formSchema: null,
    quantity: counted
      ? { originals: Math.min(50, document.originals ?? 0), copies: Math.min(50, document.copies ?? 0) }
      : null,
    templates: document.templates.map((fileName) => ({ fileName: fileName.slice(0, 300), fileId: null })),
    condition: document.condition,
    group: document.group,
  };
}

/**
 * A parsed national record as a catalogue procedure. What the record does not state stays empty (the online level
 * is only what its channels allow until a controller reviews it); nothing is invented. Null when the record cannot
 * be stored at all: a procedure needs at least one level and one channel.
 */
export function toProcedure(national: NationalProcedure): ProcedureRecord | null {
  const channelDetails: ChannelDetail[] = national.channels.map((entry) => ({
    channel: entry.channel,
    timeLimit: channelLimit(entry),
    fees: entry.fees.map(catalogueFee),
    description: entry.description,
  }));
  const channels = [...new Set(national.channels.map((entry) => entry.channel))];
  if (national.levels.length === 0 || channels.length === 0) return null;
  const legalBasis = national.legalBasis
    .map((law) => [law.number, law.title].filter(Boolean).join(' '))
    .join('\n');
  const content = procedureContentSchema.parse({
    name: national.name,
    field: national.field,
    timeLimit: generalLimit(channelDetails),
    fees: distinctFees(channelDetails),
    documents: national.documents.map(catalogueDocument),
    documentNotes: national.documentNotes,
    legalBasis: legalBasis || null,
    onlineLevel: channels.includes('online') ? 'partial' : 'none',
    channels,
    resultType: national.results.map((result) => result.name).join('; ') || null,
    kind: national.kind.text,
    applicants: { kinds: national.applicants.kinds, text: national.applicants.text || null },
    agencies: {
      competent: national.competentAgencies,
      handling: national.handlingAgencies,
      coordinating: national.coordinatingAgencies,
      delegated: national.delegatedAgencies,
    },
    whereToFile: national.whereToFile,
    steps: national.steps,
    channelDetails,
    conditions: national.conditions,
    results: national.results,
    legalDocuments: national.legalBasis.map((law) => ({
      number: law.number,
      title: law.title,
      date: law.date,
    })),
    relatedProcedures: national.relatedProcedures.filter((code) => code !== national.code),
    announcingDecisions: national.decisions.map((decision) => decision.number),
  });
  return {
    ...content,
    code: national.code,
    levels: national.levels,
    agencyKinds: agencyKindsFor(national.levels),
    competentAgency: national.competentAgencies.join(', ') || null,
    ministry: (national.ministryFolder && MINISTRIES[national.ministryFolder]) || null,
    receivedAtCentre: true,
    internal: false,
    sourceUrl: national.sourceUrl,
  };
}
