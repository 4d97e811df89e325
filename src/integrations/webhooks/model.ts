import { z } from 'zod';
import { EVENT_ACTIONS } from '../../dossiers/events.js';

export const WEBHOOK_TOPIC = 'dossier';
export const WEBHOOK_HANDLER = 'webhook';

export const subscriptionInputSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'Địa chỉ phải là URL http:// hoặc https://' }).max(2000),
  /** Dossier event kinds to receive (the event's action); absent or empty: every kind. */
  kinds: z
    .array(z.enum(EVENT_ACTIONS as [string, ...string[]]))
    .max(EVENT_ACTIONS.length)
    .optional(),
  description: z.string().trim().max(500).optional(),
});
export type SubscriptionInput = z.infer<typeof subscriptionInputSchema>;
