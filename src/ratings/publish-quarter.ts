import type { Actor } from '../auth/roles.js';
import { AppError } from '../shared/errors.js';
import type { RatingDeps } from './deps.js';
import { quarterOf } from './period.js';
import { publications, savePublication } from './store.js';
import { ratingSummary, type SummaryRow } from './summarize.js';

/**
 * Publishes a finished quarter's results per agency on the portal (plan 246/KH-UBND task 20: compiled and
 * published each quarter). What is published is frozen; ratings that arrive later change the next
 * compilation, not this one.
 */
export async function publishQuarter(
  deps: RatingDeps,
  actor: Actor,
  period: { year: number; quarter: number },
) {
  const current = quarterOf(deps.now());
  if (period.year > current.year || (period.year === current.year && period.quarter >= current.quarter))
    throw new AppError('VALIDATION_FAILED', 'Chỉ công bố kết quả của quý đã kết thúc.', [
      { field: 'body.quarter', message: 'Quý chưa kết thúc' },
    ]);
  const rows = await ratingSummary(deps.db, { level: 'agency', ...period });
  if (!(await savePublication(deps.db, period, rows, actor.id)))
    throw new AppError(
      'RATINGS_ALREADY_PUBLISHED',
      `Kết quả quý ${period.quarter}/${period.year} đã được công bố.`,
    );
  return { ...period, agencies: rows.length };
}

export async function publishedResults(deps: Pick<RatingDeps, 'db'>, year: number) {
  return (await publications(deps.db, year)).map((p) => ({
    year: p.period_year,
    quarter: p.period_quarter,
    publishedAt: p.published_at.toISOString(),
    rows: p.rows as SummaryRow[],
  }));
}
