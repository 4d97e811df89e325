import nodemailer from 'nodemailer';
import type { NotificationSender, OutgoingNotice, SendResult } from './ports.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Plain SMTP even if the server offers STARTTLS: only for a local simulator. */
  ignoreTls: boolean;
  user: string | null;
  password: string | null;
  /** The sender, e.g. "Trung tâm Phục vụ hành chính công <khong-tra-loi@cantho.gov.vn>". */
  from: string;
  timeoutMs: number;
}

/**
 * E-mail through an SMTP relay (nodemailer). The Message-ID is derived from the notice's id, so a
 * message sent twice after a crash is recognisable as one by the receiving mail system.
 */
export function smtpEmailSender(settings: SmtpSettings): NotificationSender & { close(): void } {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ignoreTLS: settings.ignoreTls,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'motcua.local';
  return {
    channel: 'email',
    async send(notice: OutgoingNotice): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: notice.to,
          subject: notice.subject ?? '',
          text: notice.body,
          messageId: `<${notice.messageId.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        if (info.rejected.length > 0) return { kind: 'refused', detail: 'recipient rejected' };
        return { kind: 'sent', providerId: info.messageId ?? null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx is the server's final word on this message; anything else (4xx, no connection) may pass later.
        if (code !== undefined && code >= 500 && code !== 530 && code !== 535)
          return { kind: 'refused', detail: `SMTP ${code}` };
        return {
          kind: 'unavailable',
          detail: code ? `SMTP ${code}` : (error as Error).message.slice(0, 200),
        };
      }
    },
    close: () => transport.close(),
  };
}
