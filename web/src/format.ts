/**
 * Formats for people: dates dd/mm/yyyy, instants "dd/mm/yyyy HH:mm" in Vietnam time, amounts "50.000 ₫".
 * The API sends Vietnam-time instants (2026-11-23T10:00:00+07:00) and plain dates (2026-11-23).
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

export function formatInstant(value: string | null | undefined): string {
  if (!value) return '—';
  const time = /T(\d{2}):(\d{2})/.exec(value);
  return time ? `${formatDate(value)} ${time[1]}:${time[2]}` : formatDate(value);
}

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

export function formatVnd(amount: number): string {
  return vnd.format(amount).replace(/\u00a0/g, ' ');
}

/** An instant as epoch milliseconds (as event payloads carry it) in the API's Vietnam-time form. */
export function vnInstant(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant the API sent, or of now. */
export function vnDate(value?: string): string {
  return (value ?? vnInstant(Date.now())).slice(0, 10);
}

/** Whether a step is overdue, due today (Vietnam time) or later. */
export function dueClass(dueAt: string | null, now = Date.now()): 'overdue' | 'today' | 'later' | 'none' {
  if (!dueAt) return 'none';
  const due = Date.parse(dueAt);
  if (due < now) return 'overdue';
  const today = vnInstant(now).slice(0, 10);
  return vnDate(dueAt) === today ? 'today' : 'later';
}

/** Text as Unicode NFC, as motcua stores it. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}
