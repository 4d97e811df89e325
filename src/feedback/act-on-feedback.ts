import type { Actor } from '../auth/roles.js';
import { agencyBrief } from '../catalog/agency-store.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid } from '../shared/errors.js';
import { FEEDBACK_ACTION_RULES } from './action-rules.js';
import { decideFeedback } from './decide.js';
import { accessOfFeedback, decisionContext } from './decision-context.js';
import type { FeedbackDeps } from './deps.js';
import type { OfficerActionInput } from './model.js';
import { canActOnFeedback, canReadFeedback } from './policy.js';
import { appendToFeedback } from './record-feedback-event.js';
import { foldFeedbackEvents } from './state.js';
import { findFeedbackRow, loadFeedbackEvents, readFeedbackSettings } from './store.js';

export function feedbackNotFound(code: string): AppError {
  return new AppError('FEEDBACK_NOT_FOUND', `Không tìm thấy phản ánh, kiến nghị ${code}.`);
}

/**
 * An officer's step on a feedback item, in one transaction: read and lock it, 404 when the officer may not
 * see it, 409 on a stale version, 403 when the step is not theirs, then the life-cycle table and the values.
 */
export async function actOnFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  code: string,
  input: OfficerActionInput,
) {
  const settings = await readFeedbackSettings(deps.db);
  return inTransaction(deps.db, async (trx) => {
    const row = await findFeedbackRow(trx, code, true);
    if (!row || !canReadFeedback(actor, accessOfFeedback(row))) throw feedbackNotFound(code);
    if (row.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        'Phản ánh, kiến nghị vừa được người khác thao tác; tải lại trước khi thao tác.',
      );
    if (!canActOnFeedback(actor, accessOfFeedback(row), FEEDBACK_ACTION_RULES[input.action].by))
      throw new AppError('FORBIDDEN', 'Bạn không phụ trách bước này của phản ánh, kiến nghị.');
    if (input.action === 'classify' && input.toAgency && !(await agencyBrief(trx, input.toAgency)))
      throw invalid(
        [{ field: 'body.toAgency', message: 'Không có cơ quan với mã này' }],
        `Không tìm thấy cơ quan có mã ${input.toAgency}.`,
      );
    const events = await loadFeedbackEvents(trx, row.id);
    const context = await decisionContext({ ...deps, db: trx }, row, events, actor, settings);
    const decision = decideFeedback(foldFeedbackEvents(events), input, context);
    return appendToFeedback(trx, row, events, decision);
  });
}
