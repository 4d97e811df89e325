import { z } from 'zod';

/** The quick rating on return (common on provincial portals; RULES.md §8), a reason required for the last. */
export const QUICK_LEVELS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type QuickLevel = (typeof QUICK_LEVELS)[number];

const points = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Points = 0 | 1 | 2;

/** The indicators the respondent answers (5–9 of Circular 01/2018 art. 13); 1–4 come from the event log. */
export const ANSWERED = ['i5', 'i6', 'i7', 'i8', 'i9'] as const;
export const INDICATORS = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9'] as const;
export type Indicator = (typeof INDICATORS)[number];
/** Indicators that judge an officer's own work (RULES.md §8: staff are rated on 1, 2, 3, 4 and 7). */
export const STAFF_INDICATORS: readonly Indicator[] = ['i1', 'i2', 'i3', 'i4', 'i7'];

export const answersSchema = z.object({
  i5: points.optional(),
  i6: points.optional(),
  i7: points.optional(),
  i8: points.optional(),
  i9: points.optional(),
});
export type Answers = z.infer<typeof answersSchema>;

export const ratingInputSchema = z
  .object({
    quick: z.enum(QUICK_LEVELS),
    reason: z.string().trim().max(2000).optional(),
    answers: answersSchema.default({}),
  })
  .refine((r) => r.quick !== 'not_satisfied' || (r.reason?.length ?? 0) >= 3, {
    path: ['reason'],
    message: 'Cần nêu lý do không hài lòng',
  });
export type RatingInput = z.infer<typeof ratingInputSchema>;

/** A paper form typed in at the counter: the same answers, for a dossier named by its code. */
export const paperRatingSchema = z
  .object({
    dossierCode: z.string().trim().min(1).max(60),
    quick: z.enum(QUICK_LEVELS),
    reason: z.string().trim().max(2000).optional(),
    answers: answersSchema.default({}),
  })
  .refine((r) => r.quick !== 'not_satisfied' || (r.reason?.length ?? 0) >= 3, {
    path: ['reason'],
    message: 'Cần nêu lý do không hài lòng',
  });

export const ratingSettingsSchema = z.object({
  /** Days after the first rating during which the respondent may change it. */
  changeWindowDays: z.number().int().min(0).max(365),
});
export type RatingSettings = z.infer<typeof ratingSettingsSchema>;

/** [Our choice, configuration] a week to change one's mind; the rules fix no window. */
export const DEFAULT_RATING_SETTINGS: RatingSettings = { changeWindowDays: 7 };

export const LEVELS = ['agency', 'unit', 'officer'] as const;
export type AggregateLevel = (typeof LEVELS)[number];
