import type { NotificationChannel } from './model.js';

export interface ApplicantContact {
  email: string | null;
  phone: string | null;
  /** The channel the applicant asked for, when the dossier records one (not collected at intake yet). */
  preference: NotificationChannel | null;
}

/**
 * Where a notice goes: the applicant's own choice when it can be honoured, otherwise e-mail when the
 * dossier has an address, otherwise SMS to the phone (every dossier has one). Zalo only on request: it
 * reaches the person who owns the Zalo account of that number, which the applicant must agree to. Null
 * when no configured channel can reach the applicant.
 */
export function chooseChannel(
  contact: ApplicantContact,
  available: ReadonlySet<NotificationChannel>,
): NotificationChannel | null {
  const reachable = (channel: NotificationChannel) =>
    available.has(channel) && (channel === 'email' ? contact.email !== null : contact.phone !== null);
  if (contact.preference && reachable(contact.preference)) return contact.preference;
  if (reachable('email')) return 'email';
  if (reachable('sms')) return 'sms';
  return null;
}

/** Enough of an address to tell which one was used, not enough to reuse it (the delivery record keeps this). */
export function maskRecipient(channel: NotificationChannel, address: string): string {
  if (channel === 'email') {
    const [local = '', domain = ''] = address.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${address.slice(0, 3)}****${address.slice(-3)}`;
}
