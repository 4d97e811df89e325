import type { Actor } from '../auth/roles.js';
import { formatVnInstant } from '../calendar/dates.js';
import { inTransaction } from '../db/transaction.js';
import { serviceRecord } from '../dossiers/service-record.js';
import { AppError } from '../shared/errors.js';
import type { RatingDeps } from './deps.js';
import type { RatingInput } from './model.js';
import { recordRating } from './record-rating.js';
import { findRating, readRatingSettings, updateRatingAnswers } from './store.js';

const DAY_MS = 86_400_000;

function notYours(code: string): AppError {
  return new AppError('DOSSIER_NOT_FOUND', `Không tìm thấy hồ sơ ${code}.`);
}

/** The applicant's own returned dossier and its rating (404 for any other dossier). */
export async function ownRating(deps: RatingDeps, actor: Actor, code: string) {
  const record = await serviceRecord(deps.db, deps.clocks, code);
  if (!record || record.ownerId !== actor.id) throw notYours(code);
  const [rating, settings] = await Promise.all([findRating(deps.db, code), readRatingSettings(deps.db)]);
  const changeableUntil = rating
    ? rating.first_rated_at.getTime() + settings.changeWindowDays * DAY_MS
    : null;
  return {
    dossierCode: code,
    open: record.status === 'returned',
    changeable:
      record.status === 'returned' &&
      (rating === undefined || (rating.channel === 'online' && deps.now() <= (changeableUntil ?? 0))),
    changeableUntil: changeableUntil === null ? null : formatVnInstant(changeableUntil),
    rating: rating
      ? {
          channel: rating.channel,
          quick: rating.quick,
          reason: rating.reason,
          computed: { i1: rating.i1, i3: rating.i3, i4: rating.i4 },
          answers: { i5: rating.i5, i6: rating.i6, i7: rating.i7, i8: rating.i8, i9: rating.i9 },
          ratedAt: formatVnInstant(rating.first_rated_at.getTime()),
          updatedAt: formatVnInstant(rating.updated_at.getTime()),
        }
      : null,
  };
}

/**
 * The applicant rates their returned dossier online, or changes their rating within the configured window
 * (a paper form typed in at the counter is final).
 */
export async function rateOnline(deps: RatingDeps, actor: Actor, code: string, input: RatingInput) {
  const record = await serviceRecord(deps.db, deps.clocks, code);
  if (!record || record.ownerId !== actor.id) throw notYours(code);
  const settings = await readRatingSettings(deps.db);
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const existing = await findRating(trx, code);
    if (!existing) {
      await recordRating(trx, record, input, { channel: 'online', enteredBy: null, at: now });
      return;
    }
    if (existing.channel === 'paper')
      throw new AppError('RATING_EXISTS', 'Hồ sơ đã được đánh giá bằng phiếu giấy tại Bộ phận Một cửa.');
    if (now > existing.first_rated_at.getTime() + settings.changeWindowDays * DAY_MS)
      throw new AppError(
        'RATING_WINDOW_CLOSED',
        `Chỉ thay đổi được đánh giá trong ${settings.changeWindowDays} ngày kể từ khi đánh giá.`,
      );
    await updateRatingAnswers(trx, existing.id, {
      quick: input.quick,
      reason: input.quick === 'not_satisfied' ? (input.reason ?? null) : null,
      answers: input.answers,
      at: new Date(now),
    });
  });
  return ownRating(deps, actor, code);
}
