import { callJson, type HttpAnswer, retryAfterMs } from '../http-call.js';
import type { NoticeKind } from './model.js';
import type { NotificationSender, OutgoingNotice, SendResult } from './ports.js';

export interface SmsSettings {
  baseUrl: string;
  apiKey: string;
  /** The registered sender name shown on the phone. */
  brandname: string;
  /**
   * Send text without diacritics: most brandname SMS routes in Viet Nam accept only unaccented text
   * (and a Unicode SMS holds 70 characters instead of 160).
   */
  asciiOnly: boolean;
  timeoutMs: number;
}

export interface ZaloSettings {
  baseUrl: string;
  accessToken: string;
  /** Zalo notification templates are registered and approved at Zalo: one id per notice. */
  templateIds: Partial<Record<NoticeKind, string>>;
  timeoutMs: number;
}

const TEXT_LIMIT = 1_000;

/** What an HTTP gateway's answer means for one message. */
function resultOf(answer: HttpAnswer, accepted: (json: unknown) => string | null | false): SendResult {
  if (answer.kind === 'failed') return { kind: 'unavailable', detail: answer.detail };
  if (answer.status === 429)
    return {
      kind: 'rate_limited',
      retryAfterMs: retryAfterMs(answer.headers.get('retry-after'), Date.now(), 1_000),
    };
  if (answer.status >= 200 && answer.status < 300) {
    const id = accepted(answer.json);
    return id === false
      ? { kind: 'refused', detail: JSON.stringify(answer.json ?? null).slice(0, 300) }
      : { kind: 'sent', providerId: id };
  }
  if (answer.status === 400 || answer.status === 422)
    return { kind: 'refused', detail: `HTTP ${answer.status}` };
  return { kind: 'unavailable', detail: `HTTP ${answer.status}` };
}

/** Vietnamese without its marks (đ → d): "Hồ sơ đã có kết quả" → "Ho so da co ket qua". */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Vietnamese mobile numbers in international form, as gateways want them: 0901234567 → 84901234567. */
export function internationalPhone(phone: string): string {
  return phone.startsWith('+84') ? phone.slice(1) : phone.startsWith('0') ? `84${phone.slice(1)}` : phone;
}

/**
 * SMS through a brandname gateway's JSON API: one POST per message with our message id as the request
 * id (the gateway sends a repeated id once). The API shape is ours until a provider is chosen (ADR 0010).
 */
export function httpSmsSender(settings: SmsSettings): NotificationSender {
  const base = settings.baseUrl.replace(/\/+$/, '');
  return {
    channel: 'sms',
    async send(notice: OutgoingNotice): Promise<SendResult> {
      const text = settings.asciiOnly ? withoutDiacritics(notice.body) : notice.body;
      const answer = await callJson(`${base}/sms/send`, {
        headers: { authorization: `Bearer ${settings.apiKey}` },
        body: {
          requestId: notice.messageId,
          brandname: settings.brandname,
          to: internationalPhone(notice.to),
          text: text.slice(0, TEXT_LIMIT),
        },
        timeoutMs: settings.timeoutMs,
      });
      return resultOf(answer, (json) => {
        const fields = (json ?? {}) as { status?: unknown; id?: unknown };
        return fields.status === 'accepted' ? String(fields.id ?? '').slice(0, 100) || null : false;
      });
    },
  };
}

/**
 * Zalo notifications (ZNS style): a template registered at Zalo, filled with the notice's values, sent to
 * the Zalo account of a phone number; our message id is the tracking id Zalo deduplicates on.
 */
export function httpZaloSender(settings: ZaloSettings): NotificationSender {
  const base = settings.baseUrl.replace(/\/+$/, '');
  return {
    channel: 'zalo',
    async send(notice: OutgoingNotice): Promise<SendResult> {
      const templateId = settings.templateIds[notice.kind];
      if (!templateId) return { kind: 'refused', detail: `no Zalo template for ${notice.kind}` };
      const data = Object.fromEntries(
        Object.entries(notice.values).map(([key, value]) => [key, value.slice(0, 400)]),
      );
      const answer = await callJson(`${base}/message/template`, {
        headers: { access_token: settings.accessToken },
        body: {
          phone: internationalPhone(notice.to),
          template_id: templateId,
          template_data: data,
          tracking_id: notice.messageId,
        },
        timeoutMs: settings.timeoutMs,
      });
      return resultOf(answer, (json) => {
        const fields = (json ?? {}) as { error?: unknown; data?: { msg_id?: unknown } };
        return fields.error === 0 ? String(fields.data?.msg_id ?? '').slice(0, 100) || null : false;
      });
    },
  };
}
