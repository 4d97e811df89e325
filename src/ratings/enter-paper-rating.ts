import type { Actor } from '../auth/roles.js';
import { serviceRecord } from '../dossiers/service-record.js';
import { AppError } from '../shared/errors.js';
import type { RatingDeps } from './deps.js';
import type { Answers, QuickLevel } from './model.js';
import { canEnterPaperRating } from './policy.js';
import { recordRating } from './record-rating.js';

/**
 * A front-desk officer types in a paper rating form handed in at the counter. The answer says only that it
 * was recorded: once entered, the form cannot be read back by any officer.
 */
export async function enterPaperRating(
  deps: RatingDeps,
  actor: Actor,
  input: { dossierCode: string; quick: QuickLevel; reason?: string | undefined; answers: Answers },
): Promise<void> {
  const record = await serviceRecord(deps.db, deps.clocks, input.dossierCode);
  if (!record) throw new AppError('DOSSIER_NOT_FOUND', `Không tìm thấy hồ sơ ${input.dossierCode}.`);
  if (!canEnterPaperRating(actor, record.receivingAgency))
    throw new AppError('FORBIDDEN', 'Phiếu đánh giá được nhập tại Bộ phận Một cửa nơi tiếp nhận hồ sơ.');
  await recordRating(deps.db, record, input, { channel: 'paper', enteredBy: actor.id, at: deps.now() });
}
