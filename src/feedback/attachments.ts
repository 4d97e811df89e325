import type { AttachedFile, FeedbackEvent } from './events.js';
import type { FeedbackStatus } from './model.js';

/**
 * Files may be added while the item is being worked, before it is answered: after that they could no
 * longer change the answer, and a finished item stays as it was answered.
 */
export const ATTACHABLE_STATUSES: readonly FeedbackStatus[] = [
  'received',
  'logged',
  'clarification_requested',
  'handling',
  'handled',
];

/** An item's files in the order they were attached, numbered from 1 (the number is their address). */
export function attachmentsOf(events: FeedbackEvent[]): (AttachedFile & { n: number; at: number })[] {
  return events
    .filter((event) => event.action === 'attach')
    .map((event, index) => ({ ...event.payload.file, n: index + 1, at: event.at }));
}
