import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import {
  bearerToken,
  HttpSimulator,
  type SimulatedRequest,
  type SimulatedResponse,
  type SimulatorOptions,
} from '../simulator-kit.js';
import {
  type FilingAcknowledgement,
  filingAcknowledgementSchema,
  type PortalFiling,
  type ProgressRecord,
  portalFilingSchema,
  progressBodySchema,
  type SyncRecord,
  syncBodySchema,
} from './model.js';

export type PortalService = 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC';

export interface PortalSimulatorOptions extends SimulatorOptions {
  username?: string;
  password?: string;
  /** How long a token lives, on the simulator's clock. */
  tokenLifetimeMs?: number;
}

export interface ReceivedMessage {
  messageId: string;
  service: PortalService;
  receivedAt: number;
  isUpdating: boolean | null;
  record: SyncRecord | ProgressRecord;
}

const MESSAGE_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The national portal, locally: the token endpoint, DongBoHoSoMC and CapNhatTienDoHoSoMC in the 2020
 * form (model.ts), with the checks the real one is known to make — a valid token, required fields,
 * dates yyyyMMddHHmmss, no creation of a dossier it has, no update of one it lacks — and one it is
 * assumed to make: a message id applied once. It keeps what it accepted, answers error_code "00", and
 * can be taken down, rate-limited, or told to refuse chosen messages (a poison message).
 */
export class NationalPortalSimulator extends HttpSimulator {
  /** Every message accepted, once per message id, in the order accepted. */
  readonly received: ReceivedMessage[] = [];
  /** The portal's copy of each dossier (its last sync). */
  readonly dossiers = new Map<string, SyncRecord>();
  readonly refused: { messageId: string; service: PortalService; code: string; message: string }[] = [];
  /** Dossiers filed on the portal, by the portal's id, with our acknowledgement once it came. */
  readonly filings = new Map<string, { filing: unknown; acknowledgement: FilingAcknowledgement | null }>();
  duplicates = 0;
  tokensIssued = 0;
  /** Requests carrying a message id that came back before the Retry-After it was given. */
  earlyRetries = 0;
  /** Messages to refuse as invalid, whatever their content (a test's poison). */
  refuseWhen: ((service: PortalService, record: SyncRecord | ProgressRecord) => boolean) | null = null;
  private readonly seen = new Set<string>();
  private readonly tokens = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();
  private readonly username: string;
  private readonly password: string;
  private readonly tokenLifetimeMs: number;

  constructor(options: PortalSimulatorOptions = {}) {
    super(
      {
        'POST /token': (request) => this.token(request),
        'POST /DongBoHoSoMC': (request) => this.sync(request),
        'POST /CapNhatTienDoHoSoMC': (request) => this.progress(request),
        'POST /LayDanhSachHoSoNopTrucTuyen': (request) => this.pendingFilings(request),
        'POST /XacNhanTiepNhanHoSo': (request) => this.acknowledge(request),
        // A citizen files on the portal (tests and the demo): the filing waits for us to take it.
        'POST /_simulator/filings': (request) => {
          const parsed = portalFilingSchema.safeParse(request.body);
          if (!parsed.success) return refusal('01', 'Hồ sơ không hợp lệ');
          this.file(parsed.data);
          return { status: 201, body: { error_code: '00', MaHoSoQuocGia: parsed.data.MaHoSoQuocGia } };
        },
        'GET /_simulator/filings': () => ({ status: 200, body: { filings: [...this.filings.values()] } }),
        'GET /_simulator/received': () => ({
          status: 200,
          body: { received: this.received, duplicates: this.duplicates, refused: this.refused },
        }),
      },
      options,
    );
    this.username = options.username ?? 'motcua';
    this.password = options.password ?? 'motcua-demo';
    this.tokenLifetimeMs = options.tokenLifetimeMs ?? 3_600_000;
  }

  /** What the portal holds of one dossier: its syncs and hand-overs, in the order accepted. */
  messagesOf(code: string): ReceivedMessage[] {
    return this.received.filter((message) => message.record.MaHoSo === code);
  }

  /** A dossier filed on the portal (the filing is kept as given: a test may hand over a malformed one). */
  file(filing: PortalFiling | Record<string, unknown>): void {
    this.filings.set(String(filing.MaHoSoQuocGia), { filing, acknowledgement: null });
  }

  /** Our answer for one filing, once we gave it. */
  acknowledgementOf(portalId: string): FilingAcknowledgement | null {
    return this.filings.get(portalId)?.acknowledgement ?? null;
  }

  /** Ends every token now (as a portal restart would): the next call must log in again. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  protected override observe(headers: IncomingMessage['headers'], at: number): void {
    const id = messageIdOf(headers);
    const notBefore = id ? this.notBefore.get(id) : undefined;
    if (notBefore !== undefined && at < notBefore) this.earlyRetries++;
  }

  protected override onRateLimited(headers: IncomingMessage['headers'], notBefore: number): void {
    const id = messageIdOf(headers);
    if (id) this.notBefore.set(id, notBefore);
  }

  private token(request: SimulatedRequest): SimulatedResponse {
    const body = (request.body ?? {}) as { username?: unknown; password?: unknown };
    if (body.username !== this.username || body.password !== this.password)
      return { status: 401, body: { error_code: '401', message: 'Sai tên đăng nhập hoặc mật khẩu' } };
    const token = randomBytes(24).toString('base64url');
    this.tokensIssued++;
    this.tokens.set(token, request.at + this.tokenLifetimeMs);
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: Math.floor(this.tokenLifetimeMs / 1000),
      },
    };
  }

  private authorised(request: SimulatedRequest): boolean {
    const token = bearerToken(request.headers);
    const expiresAt = token ? this.tokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > request.at;
  }

  private sync(request: SimulatedRequest): SimulatedResponse {
    return this.accept(request, 'DongBoHoSoMC', syncBodySchema, (body) => {
      for (const record of body.data) {
        const known = this.dossiers.has(record.MaHoSo);
        if (!body.isUpdating && known) return refusal('02', `Hồ sơ ${record.MaHoSo} đã tồn tại`);
        if (body.isUpdating && !known) return refusal('03', `Hồ sơ ${record.MaHoSo} chưa được đồng bộ`);
      }
      return null;
    });
  }

  private progress(request: SimulatedRequest): SimulatedResponse {
    return this.accept(request, 'CapNhatTienDoHoSoMC', progressBodySchema, (body) => {
      for (const record of body.data)
        if (!this.dossiers.has(record.MaHoSo))
          return refusal('03', `Hồ sơ ${record.MaHoSo} chưa được đồng bộ`);
      return null;
    });
  }

  private pendingFilings(request: SimulatedRequest): SimulatedResponse {
    if (!this.authorised(request))
      return { status: 401, body: { error_code: '401', message: 'Phiên làm việc không hợp lệ' } };
    const asked = z.object({ SoLuong: z.number().int().min(1).max(100) }).safeParse(request.body);
    if (!asked.success) return refusal('01', 'SoLuong phải từ 1 đến 100');
    const pending = [...this.filings.values()]
      .filter((entry) => entry.acknowledgement === null)
      .slice(0, asked.data.SoLuong)
      .map((entry) => entry.filing);
    return { status: 200, body: { error_code: '00', message: 'Thành công', data: pending } };
  }

  private acknowledge(request: SimulatedRequest): SimulatedResponse {
    const gate = this.gate(request);
    if (typeof gate !== 'string') return gate;
    const messageId = gate;
    const parsed = z.object({ data: z.array(filingAcknowledgementSchema).length(1) }).safeParse(request.body);
    if (!parsed.success) return refusal('01', 'Dữ liệu xác nhận không hợp lệ');
    const [acknowledgement] = parsed.data.data;
    const entry = acknowledgement ? this.filings.get(acknowledgement.MaHoSoQuocGia) : undefined;
    if (!acknowledgement || !entry) return refusal('03', 'Không có hồ sơ nộp trực tuyến này');
    if (entry.acknowledgement) return refusal('02', 'Hồ sơ đã được xác nhận');
    this.seen.add(messageId);
    entry.acknowledgement = acknowledgement;
    return { status: 200, body: { error_code: '00', message: 'Thành công' } };
  }

  /** A write's checks before its content: a valid token, a message id, and one not applied already. */
  private gate(request: SimulatedRequest): string | SimulatedResponse {
    if (!this.authorised(request))
      return { status: 401, body: { error_code: '401', message: 'Phiên làm việc không hợp lệ' } };
    const messageId = messageIdOf(request.headers);
    if (!messageId) return refusal('05', 'Thiếu mã thông điệp (x-message-id)');
    if (this.seen.has(messageId)) {
      this.duplicates++;
      return { status: 200, body: { error_code: '00', message: 'Đã nhận trước đó', duplicate: true } };
    }
    return messageId;
  }

  private accept<S extends typeof syncBodySchema | typeof progressBodySchema>(
    request: SimulatedRequest,
    service: PortalService,
    schema: S,
    check: (body: z.infer<S>) => SimulatedResponse | null,
  ): SimulatedResponse {
    const gate = this.gate(request);
    if (typeof gate !== 'string') return gate;
    const messageId = gate;
    const parsed = schema.safeParse(request.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      return this.refuse(messageId, service, refusal('01', `Dữ liệu không hợp lệ: ${issues.join('; ')}`));
    }
    const body = parsed.data as z.infer<S>;
    const records: (SyncRecord | ProgressRecord)[] = body.data;
    if (records.some((record) => this.refuseWhen?.(service, record)))
      return this.refuse(messageId, service, refusal('99', 'Hệ thống từ chối thông điệp'));
    const refused = check(body);
    if (refused) return this.refuse(messageId, service, refused);

    this.seen.add(messageId);
    const isUpdating = 'isUpdating' in body ? body.isUpdating : null;
    for (const record of records) {
      this.received.push({ messageId, service, receivedAt: request.at, isUpdating, record });
      if (service === 'DongBoHoSoMC') this.dossiers.set(record.MaHoSo, record as SyncRecord);
    }
    return { status: 200, body: { error_code: '00', message: 'Thành công' } };
  }

  private refuse(messageId: string, service: PortalService, answer: SimulatedResponse): SimulatedResponse {
    const body = answer.body as { error_code: string; message: string };
    this.refused.push({ messageId, service, code: body.error_code, message: body.message });
    return answer;
  }
}

function refusal(code: string, message: string): SimulatedResponse {
  return { status: 200, body: { error_code: code, message } };
}

function messageIdOf(headers: IncomingMessage['headers']): string | null {
  const value = headers['x-message-id'];
  return typeof value === 'string' && MESSAGE_ID.test(value) ? value : null;
}
