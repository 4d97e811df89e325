import { readFileSync } from 'node:fs';
import type { TimeLimit } from '../calendar/time-limit.js';
import type { ProcessInput, Step, StepKind } from '../workflow/model.js';
import { RECEIVING_CENTRE } from '../workflow/model.js';

interface RawStep {
  order: number;
  actor: string;
  action: string;
  duration_value: number | null;
  duration_unit: 'working_day' | 'hour' | 'working_hour' | null;
}

interface RawProcess {
  procedure_name: string;
  procedure_code: string;
  level: string;
  field: string;
  total_days: number;
  total_raw: string;
  decision: string;
  steps: RawStep[];
}

export interface RealProcess {
  procedure: {
    code: string;
    name: string;
    field: string;
    level: 'province' | 'commune';
    timeLimit: TimeLimit;
  };
  decision: string;
  process: ProcessInput;
}

const UNIT_OF: Record<string, string | null> = { '1.001806': 'BTXH', '1.004944': 'VHXH', '1.012994': null };
/** Steps done inside the specialised unit; approval (agency head) and issuing (clerk) are the agency's. */
const UNIT_KINDS: StepKind[] = ['assignment', 'appraisal', 'review'];

function classify(step: RawStep, index: number, count: number): { kind: StepKind; role: Step['role'] } {
  const actor = step.actor.toLowerCase();
  if (index === 0) return { kind: 'reception', role: 'receiver' };
  if (index === count - 1) return { kind: 'return', role: 'receiver' };
  if (actor.includes('văn thư')) return { kind: 'issuing', role: 'clerk' };
  if (actor.startsWith('lãnh đạo phòng')) {
    return step.action.toLowerCase().includes('phân công')
      ? { kind: 'assignment', role: 'unit_head' }
      : { kind: 'review', role: 'unit_head' };
  }
  if (actor.startsWith('lãnh đạo')) return { kind: 'approval', role: 'agency_head' };
  return { kind: 'appraisal', role: 'processor' };
}

const KEYS: Record<StepKind, string> = {
  reception: 'receive',
  assignment: 'assign',
  appraisal: 'appraise',
  review: 'review',
  approval: 'approve',
  issuing: 'issue',
  return: 'return',
};

/** The real internal processes of shared/data/processes.json that name their procedure (the fourth names none). */
export function realProcesses(): RealProcess[] {
  const raw = JSON.parse(readFileSync(new URL('./data/processes.json', import.meta.url), 'utf8')) as {
    processes: RawProcess[];
  };
  return raw.processes
    .filter((p) => p.procedure_code)
    .map((p) => {
      const inHours = p.steps.some((s) => s.duration_unit === 'hour' || s.duration_unit === 'working_hour');
      const keys = p.steps.map((s, i) => KEYS[classify(s, i, p.steps.length).kind]);
      const steps: Step[] = p.steps.map((s, i) => {
        const { kind, role } = classify(s, i, p.steps.length);
        return {
          key: keys[i] ?? `step_${i}`,
          name: `${s.action.split(';')[0]?.trim() ?? s.action} — ${s.actor}`.slice(0, 500),
          kind,
          role,
          unit:
            kind === 'reception' || kind === 'return'
              ? RECEIVING_CENTRE
              : UNIT_KINDS.includes(kind)
                ? (UNIT_OF[p.procedure_code] ?? null)
                : null,
          budget:
            s.duration_value === null
              ? null
              : {
                  value: s.duration_value,
                  unit: s.duration_unit === 'working_day' ? 'working_days' : 'working_hours',
                },
          next: keys[i + 1] ? [keys[i + 1] as string] : [],
        };
      });
      return {
        procedure: {
          code: p.procedure_code,
          name: p.procedure_name,
          field: p.field,
          level: p.level.startsWith('Cấp tỉnh') ? 'province' : 'commune',
          timeLimit: { value: p.total_days, unit: 'working_days', note: p.total_raw },
        },
        decision: p.decision,
        process: { agencyCode: null, hoursPerDay: inHours ? 8 : null, steps },
      };
    });
}

/**
 * The generic five counted steps used for procedures without a published internal process:
 * reception 10 %, appraisal 60 %, approval 20 %, issuing 10 % of the time limit, then the return.
 */
export function genericProcess(limitDays: number): ProcessInput {
  const share = (fraction: number) => Math.floor(limitDays * fraction * 10_000) / 10_000;
  const budget = (fraction: number) => ({
    value: Math.max(share(fraction), 0.0001),
    unit: 'working_days' as const,
  });
  return {
    agencyCode: null,
    hoursPerDay: null,
    steps: [
      {
        key: 'receive',
        name: 'Tiếp nhận, kiểm tra hồ sơ',
        kind: 'reception',
        role: 'receiver',
        unit: RECEIVING_CENTRE,
        budget: budget(0.1),
        next: ['appraise'],
      },
      {
        key: 'appraise',
        name: 'Thẩm định, xử lý hồ sơ',
        kind: 'appraisal',
        role: 'processor',
        unit: null,
        budget: budget(0.6),
        next: ['approve'],
      },
      {
        key: 'approve',
        name: 'Phê duyệt kết quả',
        kind: 'approval',
        role: 'agency_head',
        unit: null,
        budget: budget(0.2),
        next: ['issue'],
      },
      {
        key: 'issue',
        name: 'Ký số, vào sổ, ban hành kết quả',
        kind: 'issuing',
        role: 'clerk',
        unit: null,
        budget: budget(0.1),
        next: ['return'],
      },
      {
        key: 'return',
        name: 'Trả kết quả',
        kind: 'return',
        role: 'receiver',
        unit: RECEIVING_CENTRE,
        budget: null,
        next: [],
      },
    ],
  };
}
