import type { TimeLimit } from '../calendar/time-limit.js';
import { nfc } from '../shared/text.js';
import { type Fee, feeSchema, type ProcedureRecord, procedureContentSchema } from './model.js';
import { agencyKindsFor } from './procedure-routing.js';

/** The columns of the national-database export we import (shared/data/procedures.csv). */
export const PROCEDURE_COLUMNS = [
  'code',
  'name',
  'field',
  'level',
  'ministry',
  'competent_agency',
  'time_value',
  'time_unit',
  'time_channel',
  'time_note',
  'time_source',
  'fee',
  'fee_detail',
  'submission_channels',
  'online_level',
  'announcing_decision',
  'note',
  'source_url',
] as const;

export type ProcedureRow = Partial<Record<(typeof PROCEDURE_COLUMNS)[number], string>>;

export interface RowIssue {
  column: string;
  reason: string;
}

export type RowResult = { ok: true; procedure: ProcedureRecord } | { ok: false; issues: RowIssue[] };

const LEVELS: Record<string, ProcedureRecord['levels'][number]> = {
  'cấp bộ': 'ministry',
  'cấp tỉnh': 'province',
  'cấp xã': 'commune',
  'cơ quan khác': 'other',
};

const CHANNELS: Record<string, ProcedureRecord['channels'][number]> = {
  'trực tiếp': 'counter',
  'trực tuyến': 'online',
  'dịch vụ bưu chính': 'postal',
};

const ONLINE_LEVELS: Record<string, ProcedureRecord['onlineLevel']> = {
  'toàn trình': 'full',
  'một phần': 'partial',
  full: 'full',
  partial: 'partial',
  none: 'none',
};

const CODE = /^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)?$/;

function clean(value: string | undefined): string {
  return nfc(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitList(value: string, separator: RegExp): string[] {
  return value
    .split(separator)
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}

function parseTimeLimit(row: ProcedureRow, issues: RowIssue[]): TimeLimit {
  const rawValue = clean(row.time_value);
  const rawUnit = clean(row.time_unit).toLowerCase();
  const note = clean(row.time_note) || undefined;
  if (!rawValue && !rawUnit) return { value: null, unit: 'unspecified', ...(note ? { note } : {}) };
  const value = Number(rawValue.replace(',', '.'));
  if (!rawValue || !Number.isFinite(value) || value < 0) {
    issues.push({
      column: 'time_value',
      reason: `Thời hạn giải quyết "${rawValue}" không phải là số không âm`,
    });
    return { value: null, unit: 'unspecified' };
  }
  if (rawUnit.startsWith('ngày làm việc') && rawUnit.includes('same day')) {
    return { value: 0, unit: 'same_day', cutoff: '15:00', ...(note ? { note } : {}) };
  }
  if (rawUnit.startsWith('ngày làm việc')) return { value, unit: 'working_days', ...(note ? { note } : {}) };
  if (rawUnit === 'ngày') return { value, unit: 'days', ...(note ? { note } : {}) };
  if (rawUnit === 'giờ' || rawUnit === 'giờ làm việc')
    return { value, unit: 'working_hours', ...(note ? { note } : {}) };
  if (!rawUnit) {
    // The national portal shows some limits as a bare number; civil-status and household-business
    // limits are set in working days by their laws, so a bare number is read as working days.
    return {
      value,
      unit: 'working_days',
      note: note ?? 'Cổng DVC quốc gia không ghi đơn vị; hiểu là ngày làm việc',
    };
  }
  issues.push({ column: 'time_unit', reason: `Đơn vị thời hạn "${row.time_unit}" không được hỗ trợ` });
  return { value: null, unit: 'unspecified' };
}

function parseFees(row: ProcedureRow, issues: RowIssue[]): Fee[] {
  const raw = clean(row.fee);
  const detail = clean(row.fee_detail) || null;
  if (!raw) return [];
  if (/^miễn phí|^không/i.test(raw)) {
    return [
      feeSchema.parse({
        amount: 0,
        currency: 'VND',
        basis: null,
        description: detail ?? raw,
        exemptions: null,
      }),
    ];
  }
  const match = /^([\d.,]+)\s*(Việt Nam Đồng|VNĐ|đồng|VND)\s*(?:\((.*?)\)?)?$/i.exec(raw);
  if (!match) {
    issues.push({ column: 'fee', reason: `Không đọc được mức phí "${raw}"` });
    return [];
  }
  const amount = Number((match[1] ?? '').replace(/[.,]/g, ''));
  const qualifier = clean(match[3]);
  const basis = qualifier.startsWith('/') ? qualifier.slice(1).trim() : null;
  return [
    feeSchema.parse({
      amount,
      currency: 'VND',
      basis,
      description: detail ?? (qualifier || null),
      exemptions: /miễn|không thu/i.test(detail ?? '') ? detail : null,
    }),
  ];
}

/** Turns one CSV/XLSX row into a procedure, or lists every problem of the row (in Vietnamese). */
export function parseProcedureRow(row: ProcedureRow): RowResult {
  const issues: RowIssue[] = [];
  const code = clean(row.code);
  if (!CODE.test(code))
    issues.push({ column: 'code', reason: `Mã thủ tục "${code}" không đúng dạng 1.234567` });
  const name = clean(row.name);
  if (!name) issues.push({ column: 'name', reason: 'Thiếu tên thủ tục' });
  const field = clean(row.field);
  if (!field) issues.push({ column: 'field', reason: 'Thiếu lĩnh vực' });

  const levels: ProcedureRecord['levels'] = [];
  for (const token of splitList(clean(row.level), /,/)) {
    const level = LEVELS[token];
    if (level) levels.push(level);
    else issues.push({ column: 'level', reason: `Cấp thực hiện "${token}" không hợp lệ` });
  }
  if (levels.length === 0 && !issues.some((i) => i.column === 'level')) {
    issues.push({ column: 'level', reason: 'Thiếu cấp thực hiện' });
  }

  const channels: ProcedureRecord['channels'] = [];
  for (const token of splitList(clean(row.submission_channels), /;/)) {
    const channel = CHANNELS[token];
    if (channel && !channels.includes(channel)) channels.push(channel);
    else if (!channel)
      issues.push({ column: 'submission_channels', reason: `Cách thức nộp "${token}" không hợp lệ` });
  }
  if (channels.length === 0 && !issues.some((i) => i.column === 'submission_channels')) {
    issues.push({ column: 'submission_channels', reason: 'Thiếu cách thức thực hiện' });
  }

  const rawOnline = clean(row.online_level).toLowerCase();
  let onlineLevel: ProcedureRecord['onlineLevel'] = channels.includes('online') ? 'partial' : 'none';
  if (rawOnline) {
    const parsed = ONLINE_LEVELS[rawOnline];
    if (parsed) onlineLevel = parsed;
    else
      issues.push({ column: 'online_level', reason: `Mức độ trực tuyến "${row.online_level}" không hợp lệ` });
  }
  if (onlineLevel !== 'none' && !channels.includes('online') && channels.length > 0) {
    issues.push({ column: 'online_level', reason: 'Thủ tục trực tuyến phải có cách thức nộp trực tuyến' });
  }

  const timeLimit = parseTimeLimit(row, issues);
  const fees = parseFees(row, issues);
  if (issues.length > 0) return { ok: false, issues };

  const decision = clean(row.announcing_decision);
  return {
    ok: true,
    procedure: {
      code,
      levels,
      agencyKinds: agencyKindsFor(levels),
      competentAgency: clean(row.competent_agency) || null,
      ministry: clean(row.ministry) || null,
      receivedAtCentre: true,
      internal: false,
      sourceUrl: clean(row.source_url) || null,
      ...procedureContentSchema.parse({
        name,
        field,
        timeLimit,
        fees,
        documents: [],
        legalBasis: decision ? `Quyết định công bố ${decision}` : null,
        onlineLevel,
        channels,
        resultType: null,
        announcingDecisions: decision ? [decision] : [],
      }),
    },
  };
}
