import type { DossierEvent, EventOf, PayloadOf } from '../events.js';
import type { Content } from './render.js';

const EXEMPTION_VI = { shown_only: 'Chỉ xuất trình bản chính', classified: 'Tài liệu mật' } as const;

type DigitisedDocument = PayloadOf<'digitise'>['documents'][number];

/** What happened to one paper document at the counter, as the forms print it. */
export function digitisedOutcome(d: DigitisedDocument): string {
  return d.status === 'digitised'
    ? `Đã số hóa, ${d.pages.reduce((n, p) => n + (p.pages ?? 1), 0)} trang`
    : `Không số hóa: ${d.exemption ? EXEMPTION_VI[d.exemption] : ''}${d.reason ? ` (${d.reason})` : ''}`;
}

/**
 * The receipt's and the control slip's list of what the counter digitised (the latest scan set, which
 * replaces any earlier one); nothing when the dossier was not digitised at the counter.
 */
export function digitisedList(events: DossierEvent[]): Content[] {
  const latest = events.findLast((e): e is EventOf<'digitise'> => e.action === 'digitise');
  if (!latest) return [];
  return [
    { text: 'Giấy tờ đã số hóa tại Bộ phận Một cửa (bản số hóa được ký số):', bold: true },
    {
      table: {
        headerRows: 1,
        widths: [20, '*', '*'],
        body: [
          ['STT', 'Giấy tờ', 'Số hóa'].map((text) => ({ text, bold: true })),
          ...latest.payload.documents.map((d, i) => [String(i + 1), d.name, digitisedOutcome(d)]),
        ],
      },
      margin: [0, 2, 0, 6],
    },
  ];
}
