import { formatVnInstant } from '../../calendar/dates.js';
import { FINISHED_STATUSES, STATUS_NAMES_VI, SUBJECT_NAMES_VI } from '../model.js';
import type { FeedbackRow } from '../store.js';

const iso = (value: Date | null) => (value === null ? null : formatVnInstant(value.getTime()));

/**
 * A feedback item as a GeoReport v2 service request. The API is public, so what the submitter wrote, where
 * and who they are appear only once the answer is published, and then only in the published (redacted)
 * words; before that a request shows its status, the agency responsible and the date expected.
 */
export function serviceRequestOf(row: FeedbackRow, agencyName: string | null) {
  const published = row.published_at !== null;
  const location = published ? row.location : null;
  return {
    service_request_id: row.code,
    status: FINISHED_STATUSES.includes(row.status) ? 'closed' : 'open',
    status_notes: published ? (row.public_answer ?? '') : STATUS_NAMES_VI[row.status],
    service_name: SUBJECT_NAMES_VI[row.subject],
    service_code: row.subject,
    description: published ? (row.public_question ?? null) : null,
    agency_responsible: agencyName,
    service_notice: null,
    requested_datetime: iso(row.received_at),
    updated_datetime: iso(row.updated_at),
    expected_datetime: iso(row.due_at),
    address: location?.address ?? null,
    address_id: null,
    zipcode: null,
    lat: location?.lat ?? null,
    long: location?.long ?? null,
    media_url: null,
  };
}
