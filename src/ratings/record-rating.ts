import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ServiceRecord } from '../dossiers/service-record.js';
import { AppError } from '../shared/errors.js';
import { agenciesContactedPoints, contactPoints, ratingParts, totalTimePoints } from './indicators.js';
import type { Answers, QuickLevel } from './model.js';
import { quarterOf } from './period.js';
import { insertRating } from './store.js';

/**
 * Records the first rating of a returned dossier: indicators 1–4 and each participant's indicator 2 computed
 * from its event log now (a returned dossier's log is complete), the respondent's answers beside them.
 */
export async function recordRating(
  db: Kysely<Database>,
  record: ServiceRecord,
  input: { quick: QuickLevel; reason?: string | undefined; answers: Answers },
  by: { channel: 'online' | 'paper'; enteredBy: number | null; at: number },
): Promise<void> {
  if (record.status !== 'returned' || record.returnedAt === null)
    throw new AppError('RATING_NOT_OPEN', 'Chỉ đánh giá được hồ sơ đã trả kết quả.');
  const id = await insertRating(
    db,
    {
      dossierCode: record.code,
      channel: by.channel,
      quick: input.quick,
      reason: input.quick === 'not_satisfied' ? (input.reason ?? null) : null,
      computed: {
        i1: totalTimePoints(record),
        i3: contactPoints(record),
        i4: agenciesContactedPoints(record),
      },
      answers: input.answers,
      returnedAt: new Date(record.returnedAt),
      period: quarterOf(record.returnedAt),
      enteredBy: by.enteredBy,
      at: new Date(by.at),
    },
    ratingParts(record),
  );
  if (id === null) throw new AppError('RATING_EXISTS', 'Hồ sơ này đã được đánh giá.');
}
