import { z } from 'zod';
import {
  bearerToken,
  HttpSimulator,
  type SimulatedRequest,
  type SimulatedResponse,
  type SimulatorOptions,
} from '../simulator-kit.js';

const phone = z.string().regex(/^84\d{9,10}$/);
const requestId = z.string().min(1).max(200);

export interface SentSms {
  requestId: string;
  to: string;
  text: string;
  brandname: string;
  at: number;
}

/**
 * An SMS brandname gateway, locally: a bearer API key, one registered brandname, numbers in 84… form,
 * text up to 1,000 characters, each request id sent once. It keeps what it sent.
 */
export class SmsGatewaySimulator extends HttpSimulator {
  readonly sent: SentSms[] = [];
  duplicates = 0;
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly credentials: { apiKey: string; brandname: string } = {
      apiKey: 'sms-demo-key',
      brandname: 'MOTCUA',
    },
    options: SimulatorOptions = {},
  ) {
    super({ 'POST /sms/send': (request) => this.send(request) }, options);
  }

  private send(request: SimulatedRequest): SimulatedResponse {
    if (bearerToken(request.headers) !== this.credentials.apiKey)
      return { status: 401, body: { status: 'unauthorised' } };
    const parsed = z
      .object({ requestId, brandname: z.string().max(11), to: phone, text: z.string().min(1).max(1_000) })
      .safeParse(request.body);
    if (!parsed.success)
      return { status: 400, body: { status: 'invalid', message: parsed.error.issues[0]?.message } };
    if (parsed.data.brandname !== this.credentials.brandname)
      return { status: 400, body: { status: 'invalid', message: 'brandname not registered' } };
    const earlier = this.seen.get(parsed.data.requestId);
    if (earlier) {
      this.duplicates++;
      return { status: 200, body: { status: 'accepted', id: earlier, duplicate: true } };
    }
    const id = `sms-${this.sent.length + 1}`;
    this.seen.set(parsed.data.requestId, id);
    this.sent.push({ ...parsed.data, at: request.at });
    return { status: 200, body: { status: 'accepted', id } };
  }
}

export interface SentZaloNotice {
  trackingId: string;
  phone: string;
  templateId: string;
  data: Record<string, string>;
  at: number;
}

/**
 * Zalo notifications, locally: the `access_token` header, a template id it knows, values as short strings,
 * each tracking id sent once; `error: 0` on success as Zalo answers. It keeps what it sent.
 */
export class ZaloSimulator extends HttpSimulator {
  readonly sent: SentZaloNotice[] = [];
  duplicates = 0;
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly accessToken = 'zalo-demo-token',
    options: SimulatorOptions = {},
  ) {
    super({ 'POST /message/template': (request) => this.send(request) }, options);
  }

  private send(request: SimulatedRequest): SimulatedResponse {
    if (request.headers.access_token !== this.accessToken)
      return { status: 200, body: { error: -124, message: 'Access token không hợp lệ' } };
    const parsed = z
      .object({
        phone,
        template_id: z.string().min(1).max(50),
        template_data: z.record(z.string().max(50), z.string().max(400)),
        tracking_id: requestId,
      })
      .safeParse(request.body);
    if (!parsed.success)
      return { status: 200, body: { error: -108, message: parsed.error.issues[0]?.message } };
    const earlier = this.seen.get(parsed.data.tracking_id);
    if (earlier) {
      this.duplicates++;
      return { status: 200, body: { error: 0, message: 'Success', data: { msg_id: earlier } } };
    }
    const id = `zns-${this.sent.length + 1}`;
    this.seen.set(parsed.data.tracking_id, id);
    this.sent.push({
      trackingId: parsed.data.tracking_id,
      phone: parsed.data.phone,
      templateId: parsed.data.template_id,
      data: parsed.data.template_data,
      at: request.at,
    });
    return { status: 200, body: { error: 0, message: 'Success', data: { msg_id: id } } };
  }
}
