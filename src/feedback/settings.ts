import { z } from 'zod';

const days = z.number().int().min(1).max(60);

/**
 * Deadlines in working days (RULES.md §7, from the city's 2023 plan 246/KH-UBND tasks 15–17; Decree 20/2008
 * [unverified beyond the seeds]: the 2019 plan said 20 days to handle and an update every 7). Configuration:
 * a controller may change them; an item keeps the due instants computed when each step began.
 */
export const feedbackSettingsSchema = z.object({
  /** Refuse feedback that is not acceptable, from receipt. */
  rejectWithinDays: days,
  /** Ask for clarification the first time, from receipt. */
  clarifyWithinDays: days,
  /** Forward feedback outside the province's competence (or assign it within), from receipt. */
  forwardWithinDays: days,
  /** Handle it, from the moment the competent agency receives it. */
  handleWithinDays: days,
  /** Record the answer in the system once the handling result exists. */
  answerWithinDays: days,
  /** Publish the result once it is received. */
  publishWithinDays: days,
  /** While overdue, report progress this often. */
  progressEveryDays: days,
  /** Items due within this many working days show as "due soon" in queues. */
  nearingDays: z.number().int().min(0).max(10),
  /** How many files the submitter and officers may attach to one item (0: none). */
  maxAttachments: z.number().int().min(0).max(10).default(3),
});
export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;

export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = {
  rejectWithinDays: 2,
  clarifyWithinDays: 5,
  forwardWithinDays: 5,
  handleWithinDays: 15,
  answerWithinDays: 2,
  publishWithinDays: 2,
  progressEveryDays: 5,
  nearingDays: 1,
  maxAttachments: 3,
};
