import { readFeedbackAtEvent } from '../../feedback/feedback-at-event.js';
import type { DeliveryHandler } from '../../outbox/model.js';
import { chooseChannels } from './choose-channel.js';
import { type NotificationDeps, noticeHandler } from './deliver.js';
import { feedbackNoticeValues } from './feedback-notice-values.js';
import { NOTICE_OF_FEEDBACK_ACTION } from './model.js';

/**
 * Tells a feedback submitter who left an e-mail or a phone of the events that concern them, with the same
 * once-only guarantee as the dossier's notices. Anonymous feedback is told nothing: it is followed with
 * the key. E-mail when there is an address, else SMS; a submitter has no channel preference to honour.
 */
export function feedbackNotificationHandler(deps: NotificationDeps): DeliveryHandler {
  return noticeHandler(deps, async (delivery, seq, available) => {
    const kind = NOTICE_OF_FEEDBACK_ACTION[delivery.kind as keyof typeof NOTICE_OF_FEEDBACK_ACTION];
    if (!kind) return null;
    const read = await readFeedbackAtEvent(deps.db, delivery.stream, seq);
    if (!read.ok) return { error: read.error };
    const { contact } = read.feedback;
    const channels = chooseChannels({ ...contact, preference: null }, available);
    if (channels.length === 0) return null;
    return { kind, channels, contact, values: await feedbackNoticeValues(deps.db, read.feedback, deps) };
  });
}
