import type { Actor } from '../auth/roles.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import { accessKeyMatches } from './access-key.js';
import { feedbackNotFound } from './act-on-feedback.js';
import { decideFeedback } from './decide.js';
import { decisionContext } from './decision-context.js';
import type { FeedbackDeps } from './deps.js';
import type { SubmitterActionInput } from './model.js';
import { appendToFeedback } from './record-feedback-event.js';
import { foldFeedbackEvents } from './state.js';
import { type FeedbackRow, findFeedbackRow, loadFeedbackEvents, readFeedbackSettings } from './store.js';

/** The submitter proves who they are with the key handed to them, or by owning the item in their account. */
export function isSubmitter(row: FeedbackRow, key: string | undefined, actor: Actor | null): boolean {
  if (key && accessKeyMatches(key, row.access_key_hash)) return true;
  return actor !== null && actor.role === 'citizen' && row.owner_id === actor.id;
}

/** The submitter clarifies what was asked, or rates the answer; the item is 404 to anyone else. */
export async function actAsSubmitter(
  deps: FeedbackDeps,
  code: string,
  key: string | undefined,
  actor: Actor | null,
  input: SubmitterActionInput,
) {
  const settings = await readFeedbackSettings(deps.db);
  return inTransaction(deps.db, async (trx) => {
    const row = await findFeedbackRow(trx, code, true);
    if (!row || !isSubmitter(row, key, actor)) throw feedbackNotFound(code);
    if (row.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        'Phản ánh, kiến nghị vừa thay đổi; tải lại trang trước khi gửi.',
      );
    const events = await loadFeedbackEvents(trx, row.id);
    const owner = actor?.role === 'citizen' && row.owner_id === actor.id ? actor : null;
    const context = await decisionContext({ ...deps, db: trx }, row, events, owner, settings);
    const decision = decideFeedback(foldFeedbackEvents(events), input, context);
    return appendToFeedback(trx, row, events, decision);
  });
}
