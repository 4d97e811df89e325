import { describe, expect, it } from 'vitest';
import { chooseChannels, maskRecipient } from './choose-channel.js';
import { templateEditSchema } from './edit-template.js';
import { internationalPhone, withoutDiacritics } from './http-senders.js';
import {
  DOSSIER_NOTICE_KINDS,
  FEEDBACK_NOTICE_KINDS,
  FEEDBACK_PLACEHOLDERS,
  NOTICE_KINDS,
  type NoticeValues,
  PLACEHOLDERS,
} from './model.js';
import {
  emailTemplateSchema,
  previewValues,
  renderNotice,
  SHIPPED_TEMPLATES,
  unknownPlaceholders,
} from './templates.js';

const values = Object.fromEntries(PLACEHOLDERS.map((name) => [name, `<${name}>`])) as NoticeValues;

describe('notice templates', () => {
  it('ships an e-mail and an SMS wording for every notice, each naming the dossier and where to follow it', () => {
    for (const kind of NOTICE_KINDS) {
      const email = renderNotice(
        { subject: SHIPPED_TEMPLATES[kind].email.subject, body: SHIPPED_TEMPLATES[kind].email.body },
        values,
      );
      const sms = renderNotice({ subject: null, body: SHIPPED_TEMPLATES[kind].sms.body }, values);
      for (const text of [email.subject ?? '', email.body, sms.body]) expect(text, kind).toContain('<code>');
      expect(email.body, kind).toContain('<trackingUrl>');
      expect(sms.body, kind).toContain('<trackingUrl>');
      expect(email.body, kind).not.toMatch(/\{\{/);
    }
  });

  it('every dossier e-mail names the agency, the officer and the times the law requires', () => {
    for (const kind of DOSSIER_NOTICE_KINDS) {
      const body = SHIPPED_TEMPLATES[kind].email.body;
      expect(body, kind).toContain('{{agency}}');
      expect(body, kind).toContain('{{officer}}');
      expect(body, kind).toContain('{{contact}}');
      expect(body, kind).toMatch(/\{\{(receivedAt|processedAt)\}\}/);
    }
    expect(SHIPPED_TEMPLATES.received.email.body).toContain('{{dueAt}}');
    expect(SHIPPED_TEMPLATES.apology.email.body).toContain('{{previousDueAt}}');
    expect(SHIPPED_TEMPLATES.supplement_requested.email.body).toContain('{{items}}');
  });

  it('feedback notices say only what their event carries, and nothing of the dossier or the submitter', () => {
    for (const kind of FEEDBACK_NOTICE_KINDS) {
      const { email, sms } = SHIPPED_TEMPLATES[kind];
      for (const text of [email.subject, email.body, sms.body])
        expect(unknownPlaceholders(text, FEEDBACK_PLACEHOLDERS), kind).toEqual([]);
      expect(renderNotice({ subject: null, body: email.body }, previewValues(kind)).body).not.toMatch(/\{\{/);
    }
    expect(SHIPPED_TEMPLATES.feedback_received.email.body).toContain('{{dueAt}}');
    expect(SHIPPED_TEMPLATES.feedback_clarification.email.body).toContain('{{question}}');
    expect(SHIPPED_TEMPLATES.feedback_progress.email.body).toContain('{{report}}');
    expect(SHIPPED_TEMPLATES.feedback_progress.email.body).toContain('{{dueAt}}');
    expect(SHIPPED_TEMPLATES.feedback_answered.email.body).toContain('{{answer}}');
    // An SMS is short and travels over a gateway: the answer is read on the follow page.
    expect(SHIPPED_TEMPLATES.feedback_answered.sms.body).not.toContain('{{answer}}');
  });

  it('refuses an edit that uses a placeholder its kind of notice does not fill', () => {
    const edit = { channel: 'sms' as const, body: 'Phản ánh {{code}}, thủ tục {{procedure}}' };
    const feedback = templateEditSchema.safeParse({ ...edit, kind: 'feedback_answered' });
    expect(feedback.success).toBe(false);
    expect(feedback.error?.issues[0]?.message).toContain('procedure');
    expect(templateEditSchema.safeParse({ ...edit, kind: 'received' }).success).toBe(true);
    const answer = { channel: 'sms' as const, body: 'Trả lời {{answer}}' };
    expect(templateEditSchema.safeParse({ ...answer, kind: 'received' }).success).toBe(false);
    expect(templateEditSchema.safeParse({ ...answer, kind: 'feedback_answered' }).success).toBe(true);
  });

  it('refuses an edited template with a placeholder no notice fills', () => {
    expect(unknownPlaceholders('Hồ sơ {{code}} của {{fullName}}')).toEqual(['fullName']);
    const edited = emailTemplateSchema.safeParse({ subject: 'Hồ sơ {{code}}', body: 'Kính gửi {{ten}}' });
    expect(edited.success).toBe(false);
    expect(edited.error?.issues[0]?.message).toContain('ten');
  });

  it('keeps a subject on one line whatever the values hold', () => {
    const rendered = renderNotice(
      { subject: 'Hồ sơ {{code}}', body: '' },
      { ...values, code: 'A\r\nBcc: x@y' },
    );
    expect(rendered.subject).toBe('Hồ sơ A Bcc: x@y');
  });
});

describe('which channel a notice takes', () => {
  const all = new Set(['email', 'sms', 'zalo'] as const);

  it('e-mail when the dossier has an address, else SMS; the applicant’s own choice first', () => {
    const both = { email: 'a@b.vn', phone: '0901234567' };
    expect(chooseChannels({ ...both, preference: null }, all)).toEqual(['email']);
    expect(chooseChannels({ email: null, phone: '0901234567', preference: null }, all)).toEqual(['sms']);
    expect(chooseChannels({ ...both, preference: ['zalo'] }, all)).toEqual(['zalo']);
    expect(chooseChannels({ ...both, preference: ['sms', 'zalo', 'sms'] }, all)).toEqual(['sms', 'zalo']);
    // A choice that cannot be honoured (no address on the dossier) falls back to the default.
    expect(chooseChannels({ email: null, phone: '0901234567', preference: ['email'] }, all)).toEqual(['sms']);
  });

  it('only channels that are configured', () => {
    const sms = new Set(['sms'] as const);
    expect(chooseChannels({ email: 'a@b.vn', phone: '0901234567', preference: null }, sms)).toEqual(['sms']);
    expect(chooseChannels({ email: 'a@b.vn', phone: '0901234567', preference: ['zalo'] }, sms)).toEqual([
      'sms',
    ]);
    expect(chooseChannels({ email: 'a@b.vn', phone: null, preference: null }, sms)).toEqual([]);
  });

  it('masks the recipient kept in the delivery record', () => {
    expect(maskRecipient('email', 'nhung@example.vn')).toBe('n***@example.vn');
    expect(maskRecipient('sms', '0901234567')).toBe('090****567');
  });
});

describe('SMS text and numbers', () => {
  it('drops every Vietnamese mark, đ and Đ included, and keeps the case', () => {
    expect(withoutDiacritics('Hồ sơ ĐÃ được tiếp nhận; hẹn trả 17:00 04/12/2026')).toBe(
      'Ho so DA duoc tiep nhan; hen tra 17:00 04/12/2026',
    );
    expect(withoutDiacritics('Ưu tiên ở Cần Thơ')).toBe('Uu tien o Can Tho');
  });

  it('writes Vietnamese numbers in the international form gateways want', () => {
    expect(internationalPhone('0901234567')).toBe('84901234567');
    expect(internationalPhone('+84901234567')).toBe('84901234567');
  });
});
