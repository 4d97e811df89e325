import type { NationalProcedure, ReviewItem } from './model.js';
import { reviewItem } from './review.js';
import { inline } from './text.js';

const LEVELS: Record<string, NationalProcedure['levels'][number]> = {
  'Cấp bộ': 'ministry',
  'Cấp tỉnh': 'province',
  'Cấp xã': 'commune',
  'Cơ quan khác': 'other',
};

/** "Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác" → the levels, every one kept. */
export function parseLevels(rawField: string | undefined): {
  levels: NationalProcedure['levels'];
  review: ReviewItem[];
} {
  const levels: NationalProcedure['levels'] = [];
  const review: ReviewItem[] = [];
  for (const label of inline(rawField)
    .split(/\s*,\s*/)
    .filter(Boolean)) {
    const level = LEVELS[label];
    if (!level) review.push(reviewItem('cap_thuc_hien', 'level_unknown', label));
    else if (!levels.includes(level)) levels.push(level);
  }
  return { levels, review };
}

const KINDS: Record<string, NonNullable<NationalProcedure['kind']['code']>> = {
  'TTHC được giao luật quy định chi tiết': 'law_delegated_detail',
  'TTHC không được luật giao cho địa phương quy định': 'not_delegated_to_locality',
  'Loại khác': 'other',
};

/** The portal's kind of procedure ("loại thủ tục"): its code when it is one of the portal's three values. */
export function parseKind(rawField: string | undefined): {
  kind: NationalProcedure['kind'];
  review: ReviewItem[];
} {
  const text = inline(rawField);
  if (!text) return { kind: { code: null, text: null }, review: [] };
  const code = KINDS[text] ?? null;
  return { kind: { code, text }, review: code ? [] : [reviewItem('loai_thu_tuc', 'kind_unknown', text)] };
}

/** The ministry's publishing decision: "4472/QĐ-BTC" (some records write "SỐ 64/QĐ-NHNN"). */
const DECISION = /^(?:số\s+)?(\d+\/QĐ-[A-ZĐ0-9-]+)$/iu;

export function parseDecision(rawField: string | undefined): {
  decisions: NationalProcedure['decisions'];
  review: ReviewItem[];
} {
  const raw = inline(rawField);
  if (!raw) return { decisions: [], review: [] };
  const number = DECISION.exec(raw)?.[1];
  // The field never carries a date in the export; the schema keeps room for one.
  return {
    decisions: [{ number: number ?? raw, date: null, raw }],
    review: number ? [] : [reviewItem('so_quyet_dinh', 'decision_number_unusual', raw)],
  };
}
