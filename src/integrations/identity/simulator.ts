import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { closeServer, listenOnLoopback } from '../simulator-kit.js';

/** A person the simulated identity provider knows: what its claims say of them. */
export interface Resident {
  idNumber: string;
  fullName: string;
  /** yyyy-mm-dd, or the parts known (yyyy, yyyy-mm). */
  birthDate: string;
  /** The organisation this person represents at law, if any (tax code and name). */
  organisation?: { taxCode: string; name: string };
}

/**
 * Invented residents of Cần Thơ (identity numbers of code 092). The first two are also in the population
 * database simulator; the third has never used the portal, so their first login makes their account.
 */
export const DEMO_RESIDENTS: Resident[] = [
  { idNumber: '092190000001', fullName: 'Nguyễn Thị Hồng Nhung', birthDate: '1990-05-12' },
  { idNumber: '092085000002', fullName: 'Trần Văn Bình', birthDate: '1985' },
  { idNumber: '092195000003', fullName: 'Lê Minh Tâm', birthDate: '1995-08-21' },
  {
    idNumber: '092088000004',
    fullName: 'Phạm Quốc Huy',
    birthDate: '1988-02-14',
    organisation: { taxCode: '1801234567', name: 'Công ty TNHH Thương mại Tây Đô' },
  },
];

/** The claims this provider releases, under the scope that asks for them. */
export const IDENTITY_CLAIMS = {
  identity_number: 'identity_number',
  organisation_tax_code: 'organisation_tax_code',
  organisation_name: 'organisation_name',
} as const;

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}label{display:block;margin-top:1rem;font-weight:600}input{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box}button{margin-top:1rem;font-size:1rem;padding:.6rem 1rem;background:#a4161a;color:#fff;border:0;border-radius:4px}button.secondary{background:#fff;color:#a4161a;border:1px solid #a4161a}.error{color:#a4161a;font-weight:600}</style></head><body><header><p><strong>VNeID</strong> — mô phỏng cho môi trường thử nghiệm</p></header><main>${body}</main></body></html>`;
}

type Stored = { payload: Record<string, unknown>; expiresAt: number | null };

/**
 * The provider's storage for one simulator: in memory (a restart of the simulator forgets logins, as a test
 * wants), entries dropped when they expire, one grant's tokens revoked together.
 */
function memoryStorage(entries: Map<string, Stored>) {
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry?.expiresAt && entry.expiresAt < Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      entries.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1_000 : null });
    }
    async find(id: string) {
      return live(this.key(id))?.payload;
    }
    async findByUid(uid: string) {
      for (const [key] of entries)
        if (key.startsWith(`${this.model}:`) && live(key)?.payload.uid === uid) return live(key)?.payload;
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [key] of entries)
        if (key.startsWith(`${this.model}:`) && live(key)?.payload.userCode === userCode)
          return live(key)?.payload;
      return undefined;
    }
    async consume(id: string) {
      const entry = live(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1_000);
    }
    async destroy(id: string) {
      entries.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
    }
  };
}

/** A pseudonymous, stable subject per person and provider (the identity number itself is a claim). */
function subjectOf(idNumber: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${idNumber}`).digest('base64url').slice(0, 32);
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A local OpenID Connect provider in the style of VNeID, for the demo and the tests: authorisation code
 * with PKCE, a login page that takes an identity number and password, claims (name, birth date, identity
 * number, organisation represented) from `residents`, RP-initiated logout. It is `oidc-provider`, a
 * certified implementation, so the server's client speaks the real protocol to it. Every resident's password
 * is `password`.
 */
export class IdentityProviderSimulator {
  private server: Server | null = null;
  private provider: Provider | null = null;
  private port = 0;
  private readonly salt = randomBytes(8).toString('hex');
  private readonly residents: Map<string, Resident>;
  private readonly bySubject = new Map<string, Resident>();
  private readonly storage = new Map<string, Stored>();
  /** Logins made on the login page, in order (identity numbers), for tests. */
  readonly logins: string[] = [];

  constructor(
    residents: Resident[] = DEMO_RESIDENTS,
    private readonly password = 'demo',
  ) {
    this.residents = new Map(residents.map((r) => [r.idNumber, r]));
    for (const resident of residents) this.bySubject.set(subjectOf(resident.idNumber, this.salt), resident);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The subject this provider gives a person (what a relying party stores). */
  subjectFor(idNumber: string): string {
    return subjectOf(idNumber, this.salt);
  }

  async start(): Promise<string> {
    if (this.server) return this.url;
    this.server = await listenOnLoopback(this.port, (request, response) => this.serve(request, response));
    this.port = (this.server.address() as AddressInfo).port;
    this.provider = this.buildProvider();
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await closeServer(server);
  }

  /** Registers a relying party (the portal): its secret and the addresses it may be sent back to. */
  async registerClient(client: RegisteredClient): Promise<void> {
    if (!this.provider) throw new Error('identity provider simulator not started');
    // A client registered after start is found where the provider looks for dynamically registered ones.
    this.storage.set(`Client:${client.clientId}`, {
      expiresAt: null,
      payload: {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    });
  }

  private buildProvider(): Provider {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = {
      ...privateKey.export({ format: 'jwk' }),
      alg: 'RS256',
      use: 'sig',
      kid: randomBytes(6).toString('hex'),
    };
    const bySubject = this.bySubject;
    const configuration: Configuration = {
      clients: [],
      adapter: memoryStorage(this.storage),
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        IdToken: 3_600,
        Interaction: 900,
        Session: 8 * 3_600,
        Grant: 8 * 3_600,
      },
      jwks: { keys: [jwk as never] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      pkce: { required: () => true },
      scopes: ['openid', 'profile', 'identity', 'organisation'],
      claims: {
        openid: ['sub'],
        profile: ['name', 'birthdate'],
        identity: [IDENTITY_CLAIMS.identity_number],
        organisation: [IDENTITY_CLAIMS.organisation_tax_code, IDENTITY_CLAIMS.organisation_name],
      },
      async findAccount(_ctx, sub) {
        const resident = bySubject.get(sub);
        if (!resident) return undefined;
        return {
          accountId: sub,
          async claims() {
            return {
              sub,
              name: resident.fullName,
              birthdate: resident.birthDate,
              [IDENTITY_CLAIMS.identity_number]: resident.idNumber,
              ...(resident.organisation
                ? {
                    [IDENTITY_CLAIMS.organisation_tax_code]: resident.organisation.taxCode,
                    [IDENTITY_CLAIMS.organisation_name]: resident.organisation.name,
                  }
                : {}),
            };
          },
        };
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // The portal is a first-party client: the person is not asked to consent to each scope.
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const { client, session, params } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
        if (existing) {
          const grant = await ctx.oidc.provider.Grant.find(existing);
          if (grant) return grant;
        }
        const grant = new ctx.oidc.provider.Grant({
          clientId: client.clientId,
          accountId: session.accountId,
        });
        grant.addOIDCScope(String(params?.scope ?? 'openid'));
        await grant.save();
        return grant;
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          async logoutSource(ctx, form) {
            ctx.type = 'html';
            ctx.body = page(
              'Đăng xuất VNeID',
              `${form}<h1>Đăng xuất khỏi VNeID?</h1><p>Cổng dịch vụ công đã kết thúc phiên của bạn. Bạn có muốn đăng xuất cả tài khoản định danh điện tử trên trình duyệt này?</p><button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất</button> <button class="secondary" type="submit" form="op.logoutForm">Giữ đăng nhập VNeID</button>`,
            );
          },
          async postLogoutSuccessSource(ctx) {
            ctx.type = 'html';
            ctx.body = page('Đã đăng xuất', '<h1>Bạn đã đăng xuất khỏi VNeID.</h1>');
          },
        },
      },
      async renderError(ctx, out) {
        ctx.type = 'html';
        ctx.body = page(
          'Lỗi đăng nhập',
          `<h1>Không đăng nhập được</h1><p class="error">${escapeHtml(String(out.error_description ?? out.error))}</p>`,
        );
      },
    };
    const provider = new Provider(this.url, configuration);
    return provider;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const provider = this.provider;
    if (!provider) {
      response.writeHead(503).end();
      return;
    }
    const url = new URL(request.url ?? '/', this.url);
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(url.pathname);
    if (!match) {
      provider.callback()(request, response);
      return;
    }
    const html = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(body);
    };
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(request, response);
    } catch {
      html(
        400,
        page(
          'Phiên đăng nhập hết hạn',
          '<h1>Phiên đăng nhập đã hết hạn</h1><p>Vui lòng quay lại cổng dịch vụ công và đăng nhập lại.</p>',
        ),
      );
      return;
    }
    const action = match[2];
    if (request.method === 'POST' && action === '/abort') {
      await provider.interactionFinished(request, response, {
        error: 'access_denied',
        error_description: 'Người dùng đã hủy đăng nhập.',
      });
      return;
    }
    if (request.method === 'POST' && action === '/login') {
      const form = await formBody(request);
      const idNumber = (form.get('idNumber') ?? '').trim();
      const resident = this.residents.get(idNumber);
      if (!resident || form.get('password') !== this.password) {
        html(200, this.loginPage(details.uid, 'Số định danh hoặc mật khẩu không đúng.'));
        return;
      }
      this.logins.push(idNumber);
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: subjectOf(idNumber, this.salt) } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'login') {
      html(200, this.loginPage(details.uid, null));
      return;
    }
    // Consent is granted by loadExistingGrant; any other prompt ends the interaction as it stands.
    await provider.interactionFinished(request, response, {}, { mergeWithLastSubmission: true });
  }

  private loginPage(uid: string, error: string | null): string {
    return page(
      'Đăng nhập VNeID',
      `<h1>Đăng nhập bằng tài khoản định danh điện tử</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="/interaction/${uid}/login"><label for="idNumber">Số định danh cá nhân</label><input id="idNumber" name="idNumber" inputmode="numeric" autocomplete="username" required maxlength="12"><label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required><button type="submit">Đăng nhập</button></form><form method="post" action="/interaction/${uid}/abort"><button class="secondary" type="submit">Hủy</button></form>`,
    );
  }
}
