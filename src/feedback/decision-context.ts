import type { Actor } from '../auth/roles.js';
import type { DecideFeedbackContext } from './decide.js';
import type { FeedbackDeps } from './deps.js';
import type { FeedbackEvent } from './events.js';
import type { FeedbackAccess } from './policy.js';
import type { FeedbackSettings } from './settings.js';
import type { FeedbackRow } from './store.js';

export function accessOfFeedback(row: FeedbackRow): FeedbackAccess {
  return { handlingAgency: row.handling_agency, ownerId: row.owner_id };
}

/**
 * What deciding an action needs beyond the state: the clock of the agency whose deadline it is (the desk's
 * default hours until an agency is assigned), when the current classification period began (receipt, or the
 * last clarification), the last progress report, and the submitter's own words to keep out of publications.
 */
export async function decisionContext(
  deps: FeedbackDeps,
  row: FeedbackRow,
  events: FeedbackEvent[],
  actor: Actor | null,
  settings: FeedbackSettings,
): Promise<DecideFeedbackContext> {
  let classificationStartedAt = row.received_at.getTime();
  let lastProgressAt: number | null = null;
  for (const event of events) {
    if (event.action === 'receive') classificationStartedAt = event.payload.receivedAt;
    if (event.action === 'clarify') classificationStartedAt = event.at;
    if (event.action === 'progress') lastProgressAt = event.at;
  }
  const submitter = row.submitter;
  return {
    now: deps.now(),
    actor: actor ? { id: actor.id, role: actor.role, agencyCode: actor.agencyCode } : null,
    clock: await deps.clocks.clock(row.handling_agency ?? undefined),
    settings,
    classificationStartedAt,
    lastProgressAt,
    personalPhrases: [submitter?.name, submitter?.address].filter((p): p is string => !!p),
  };
}
