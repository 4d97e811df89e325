import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  NOTICE_KINDS,
  type NoticeKind,
  type NoticeValues,
  PLACEHOLDERS,
  type Template,
  type TextChannel,
} from './model.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const SUBJECT_LIMIT = 300;
const BODY_LIMIT = 5_000;

/** The placeholders a text uses that no notice fills (a typo would otherwise reach the applicant). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !known.has(name));
}

const templateText = (limit: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(limit)
    .refine((text) => unknownPlaceholders(text).length === 0, {
      error: (issue) =>
        `Biến không có trong danh sách: ${unknownPlaceholders(String(issue.input)).join(', ')}`,
    });

export const emailTemplateSchema = z.object({
  subject: templateText(SUBJECT_LIMIT),
  body: templateText(BODY_LIMIT),
});
export const smsTemplateSchema = z.object({ body: templateText(BODY_LIMIT) });

const shippedSchema = z.object(
  Object.fromEntries(
    NOTICE_KINDS.map((kind) => [kind, z.object({ email: emailTemplateSchema, sms: smsTemplateSchema })]),
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
    Object.hasOwn(values, name) ? values[name as keyof NoticeValues] : whole,
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
export const PREVIEW_VALUES: NoticeValues = {
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
  trackingUrl: 'https://dichvucong.cantho.example/tra-cuu/000.00.01.H13-261122-0012',
};
