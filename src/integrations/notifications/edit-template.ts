import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor, Role } from '../../auth/roles.js';
import type { Database } from '../../db/schema.js';
import { AppError, invalid } from '../../shared/errors.js';
import { NOTICE_KINDS, type NoticeKind, placeholdersOf, type TextChannel } from './model.js';
import { saveTemplate } from './store.js';
import { emailTemplateSchema, smsTemplateSchema, unknownPlaceholders } from './templates.js';

/** The wording of notices is the centre's voice to applicants: the controller and administrators edit it. */
export const TEMPLATE_EDITORS: readonly Role[] = ['controller', 'admin'];

export const templateEditSchema = z
  .discriminatedUnion('channel', [
    z.object({ kind: z.enum(NOTICE_KINDS), channel: z.literal('email'), ...emailTemplateSchema.shape }),
    z.object({ kind: z.enum(NOTICE_KINDS), channel: z.literal('sms'), ...smsTemplateSchema.shape }),
  ])
  .superRefine((edit, ctx) => {
    // A placeholder another kind of notice fills would reach the recipient unfilled.
    const texts = edit.channel === 'email' ? { subject: edit.subject, body: edit.body } : { body: edit.body };
    for (const [field, text] of Object.entries(texts)) {
      const foreign = unknownPlaceholders(text, placeholdersOf(edit.kind));
      if (foreign.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `Loại thông báo này không có biến: ${foreign.join(', ')}`,
        });
    }
  });
/** What an editor sends; checked against `templateEditSchema` (a subject only for e-mail, known placeholders). */
export interface TemplateEdit {
  kind: NoticeKind;
  channel: TextChannel;
  subject?: string | undefined;
  body: string;
}

/**
 * Replaces the wording of one notice on one channel. Every placeholder must be one a notice fills, so a
 * typo is refused here rather than reaching an applicant; the edit takes effect for the next notice.
 */
export async function editTemplate(db: Kysely<Database>, actor: Actor, input: TemplateEdit): Promise<void> {
  if (!TEMPLATE_EDITORS.includes(actor.role))
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ kiểm soát TTHC hoặc quản trị được sửa mẫu thông báo.');
  const parsed = templateEditSchema.safeParse(input);
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      'Mẫu thông báo không hợp lệ.',
    );
  const edit = parsed.data;
  await saveTemplate(db, {
    kind: edit.kind,
    channel: edit.channel,
    subject: edit.channel === 'email' ? edit.subject : null,
    body: edit.body,
    updatedBy: actor.id,
  });
}
