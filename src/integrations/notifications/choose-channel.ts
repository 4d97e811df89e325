import type { NotificationChannel } from './model.js';

export interface ApplicantContact {
  email: string | null;
  phone: string | null;
  /** The channels the applicant chose for this dossier (notification_preferences), null when they did not. */
  preference: readonly NotificationChannel[] | null;
}

/**
 * Where a notice goes: every channel the applicant chose that can be honoured here; failing that (no
 * choice, or none of the chosen configured or reachable), e-mail when the dossier has an address, otherwise
 * SMS to the phone (every dossier has one). Zalo only on request: it reaches the person who owns the Zalo
 * account of that number, which the applicant must agree to. Empty when nothing configured reaches them.
 */
export function chooseChannels(
  contact: ApplicantContact,
  available: ReadonlySet<NotificationChannel>,
): NotificationChannel[] {
  const reachable = (channel: NotificationChannel) =>
    available.has(channel) && (channel === 'email' ? contact.email !== null : contact.phone !== null);
  const chosen = (contact.preference ?? []).filter(reachable);
  if (chosen.length > 0) return [...new Set(chosen)];
  if (reachable('email')) return ['email'];
  if (reachable('sms')) return ['sms'];
  return [];
}

/** Enough of an address to tell which one was used, not enough to reuse it (the delivery record keeps this). */
export function maskRecipient(channel: NotificationChannel, address: string): string {
  if (channel === 'email') {
    const [local = '', domain = ''] = address.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${address.slice(0, 3)}****${address.slice(-3)}`;
}
