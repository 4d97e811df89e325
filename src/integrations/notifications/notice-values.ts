import { ROLE_NAMES_VI } from '../../auth/roles.js';
import { VN_OFFSET_MS } from '../../calendar/dates.js';
import type { DossierAtEvent } from '../dossier-at-event.js';
import type { NoticeValues } from './model.js';

/** hh:mm dd/mm/yyyy in Vietnam time, the form the law's receipts use (Circular 01/2018). */
export function noticeTime(instant: number | null): string {
  if (instant === null) return 'chưa xác định';
  const local = new Date(instant + VN_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/**
 * The values a notice about the dossier's last event is filled with: the agency that acted, the officer,
 * the times of receipt, of this step and of the (new) appointment, and what the event is about. Nothing
 * about the applicant: the message goes to them.
 */
export function noticeValues(
  dossier: DossierAtEvent,
  options: { publicUrl: string; contactLine: string },
): NoticeValues {
  const event = dossier.events.at(-1);
  if (!event) throw new Error(`dossier ${dossier.code} has no event`);
  const agencyCode = event.actorAgency ?? event.agencyCode;
  const agency = dossier.agencyNames.get(agencyCode) ?? agencyCode;
  const payload = event.payload as Record<string, unknown>;
  const items =
    event.action === 'request_supplement'
      ? event.payload.items.map((item, index) => `${index + 1}. ${item}`).join('\n')
      : '';
  return {
    code: dossier.code,
    procedure: dossier.procedure.name,
    agency,
    officer: (event.actorId === null ? undefined : dossier.people.get(event.actorId)) ?? agency,
    officerTitle: event.actorRole ? ROLE_NAMES_VI[event.actorRole] : '',
    contact: options.contactLine,
    receivedAt: noticeTime(dossier.state.acceptedAt ?? dossier.state.submittedAt),
    processedAt: noticeTime(event.at),
    dueAt: noticeTime(dossier.state.dueAt),
    previousDueAt: event.action === 'apologise' ? noticeTime(event.payload.previousDueAt) : '',
    items,
    reason: typeof payload.reason === 'string' ? payload.reason : '',
    resultNumber: event.action === 'issue_result' ? (event.payload.resultNumber ?? 'chưa đánh số') : '',
    amount: event.action === 'request_payment' ? `${event.payload.amount.toLocaleString('vi-VN')} đồng` : '',
    payBy:
      event.action === 'request_payment' && event.payload.payBy !== null
        ? noticeTime(event.payload.payBy)
        : '',
    trackingUrl: `${options.publicUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(dossier.code)}`,
  };
}
