import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  isFeedbackNotice,
  NOTICE_KINDS,
  type NoticeKind,
  type NoticeValues,
  PLACEHOLDERS,
  placeholdersOf,
  type Template,
  type TextChannel,
} from './model.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const SUBJECT_LIMIT = 300;
const BODY_LIMIT = 5_000;

/**
 * The placeholders a text uses that no notice fills, or (given a kind) that this kind of notice does not
 * fill: a typo, or a dossier's value in a feedback notice, would otherwise reach the recipient as is.
 */
export function unknownPlaceholders(text: string, known: readonly string[] = PLACEHOLDERS): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !known.includes(name));
}

const templateText = (limit: number, known: readonly string[] = PLACEHOLDERS) =>
  z
    .string()
    .trim()
    .min(1)
    .max(limit)
    .refine((text) => unknownPlaceholders(text, known).length === 0, {
      error: (issue) =>
        `Biến không có trong danh sách: ${unknownPlaceholders(String(issue.input), known).join(', ')}`,
    });

const emailTemplateOf = (known?: readonly string[]) =>
  z.object({ subject: templateText(SUBJECT_LIMIT, known), body: templateText(BODY_LIMIT, known) });
const smsTemplateOf = (known?: readonly string[]) => z.object({ body: templateText(BODY_LIMIT, known) });

export const emailTemplateSchema = emailTemplateOf();
export const smsTemplateSchema = smsTemplateOf();

const shippedSchema = z.object(
  Object.fromEntries(
    NOTICE_KINDS.map((kind) => [
      kind,
      z.object({ email: emailTemplateOf(placeholdersOf(kind)), sms: smsTemplateOf(placeholdersOf(kind)) }),
    ]),
  ) as Record<NoticeKind, z.ZodObject<{ email: typeof emailTemplateSchema; sms: typeof smsTemplateSchema }>>,
);

/**
 * The shipped wording of every notice, as data (templates.vi.json): reviewed with the code, checked at
 * load time against the placeholders. An administrator's edit is stored in the database and wins.
 */
export const SHIPPED_TEMPLATES = shippedSchema.parse(
  JSON.parse(readFileSync(new URL('./templates.vi.json', import.meta.url), 'utf8')),
);

export function shippedTemplate(kind: NoticeKind, channel: TextChannel): Template {
  const entry = SHIPPED_TEMPLATES[kind];
  return channel === 'email'
    ? { subject: entry.email.subject, body: entry.email.body }
    : { subject: null, body: entry.sms.body };
}

/** Fills the placeholders; a value is inserted as it is (the channel decides how text is escaped). */
function fillTemplate(text: string, values: NoticeValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name as keyof NoticeValues] ?? whole) : whole,
  );
}

export function renderNotice(
  template: Template,
  values: NoticeValues,
): { subject: string | null; body: string } {
  return {
    // A subject is one line: a value with a line break must not start a second header.
    subject: template.subject === null ? null : fillTemplate(template.subject, values).replace(/\s+/g, ' '),
    body: fillTemplate(template.body, values),
  };
}

/** Invented values an administrator previews an edited wording with (no real dossier, no real person). */
const DOSSIER_PREVIEW_VALUES: NoticeValues = {
  code: '000.00.01.H13-261122-0012',
  procedure: 'Cấp Phiếu lý lịch tư pháp',
  agency: 'Sở Tư pháp thành phố Cần Thơ',
  officer: 'Lê Thị Mai',
  officerTitle: 'Công chức Bộ phận Một cửa',
  contact: 'Bộ phận Một cửa, điện thoại 0292 3 820 000',
  receivedAt: '09:15 22/11/2026',
  processedAt: '14:30 27/11/2026',
  dueAt: '17:00 04/12/2026',
  previousDueAt: '17:00 02/12/2026',
  items: '1. Bản sao căn cước\n2. Tờ khai có chữ ký',
  reason: 'Thiếu giấy tờ theo quy định',
  resultNumber: '123/PLLTP',
  amount: '1.250.000 đồng',
  payBy: '17:00 15/12/2026',
  trackingUrl: 'https://dichvucong.cantho.example/tra-cuu/000.00.01.H13-261122-0012',
};

const FEEDBACK_PREVIEW_VALUES: NoticeValues = {
  code: 'PAKN-261122-0007',
  agency: 'Sở Tư pháp thành phố Cần Thơ',
  contact: 'Bộ phận Một cửa, điện thoại 0292 3 820 000',
  receivedAt: '09:15 22/11/2026',
  processedAt: '14:30 27/11/2026',
  dueAt: '17:00 01/12/2026',
  question: 'Đề nghị nêu rõ thủ tục và cơ quan đã giải quyết hồ sơ của Quý ông/bà.',
  report: 'Sở Tư pháp đang lấy ý kiến của Sở Nội vụ.',
  answer: 'Từ ngày 01/12/2026 không yêu cầu nộp bản sao giấy chứng nhận kết hôn khi đăng ký khai sinh.',
  trackingUrl: 'https://dichvucong.cantho.example/phan-anh/theo-doi/PAKN-261122-0007',
};

export function previewValues(kind: NoticeKind): NoticeValues {
  return isFeedbackNotice(kind) ? FEEDBACK_PREVIEW_VALUES : DOSSIER_PREVIEW_VALUES;
}
