import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A variable holding a JSON object (its shape is checked by the module that reads it). */
const jsonObject = z
  .string()
  .max(10_000)
  .transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {}
    ctx.addIssue({ code: 'custom', message: 'phải là một đối tượng JSON (must be a JSON object)' });
    return z.NEVER;
  });
const timeoutMs = z.coerce.number().int().min(100).max(120_000);
const secret = z.string().min(1).max(1_000);

/**
 * National systems (src/integrations): each is on when its URL is set. Without a URL, demo mode starts a
 * local simulator in its place; outside demo mode that integration stays off.
 */
const integrations = {
  NATIONAL_PORTAL_URL: z.url({ protocol: /^https?$/ }).optional(),
  NATIONAL_PORTAL_USERNAME: secret.optional(),
  NATIONAL_PORTAL_PASSWORD: secret.optional(),
  /** Paths, token fields, header names and field renames of the portal's protocol (ADR 0010). */
  NATIONAL_PORTAL_PROTOCOL: jsonObject.optional(),
  NATIONAL_PORTAL_TIMEOUT_MS: timeoutMs.default(15_000),
  /** How often dossiers filed on the national portal are asked for; 0 never asks. */
  NATIONAL_PORTAL_POLL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** The national procedure database's change feed (catalogue sync), its key, and how often it is read (0: never). */
  NATIONAL_CATALOGUE_URL: z.url({ protocol: /^https?$/ }).optional(),
  NATIONAL_CATALOGUE_API_KEY: secret.optional(),
  NATIONAL_CATALOGUE_PATH: z.string().startsWith('/').max(200).default('/api/thu-tuc/thay-doi'),
  NATIONAL_CATALOGUE_POLL_MS: z.coerce.number().int().min(0).max(86_400_000).default(3_600_000),
  POPULATION_URL: z.url({ protocol: /^https?$/ }).optional(),
  POPULATION_API_KEY: secret.optional(),
  /** The electronic identifier of the agency on whose behalf lookups are made. */
  POPULATION_AGENCY_CODE: z
    .string()
    .regex(/^[0-9A-Z.]{1,35}$/)
    .optional(),
  POPULATION_TIMEOUT_MS: timeoutMs.default(5_000),
  SMTP_HOST: z.string().min(1).max(255).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().min(1).max(320).optional(),
  SMTP_PASSWORD: secret.optional(),
  MAIL_FROM: z.string().min(3).max(320).default('Hệ thống một cửa điện tử <khong-tra-loi@motcua.local>'),
  SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_API_KEY: secret.optional(),
  SMS_BRANDNAME: z.string().min(1).max(11).default('MOTCUA'),
  SMS_ASCII_ONLY: booleanFlag.default(true),
  ZALO_URL: z.url({ protocol: /^https?$/ }).optional(),
  ZALO_ACCESS_TOKEN: secret.optional(),
  /** Zalo template id per notice kind, e.g. {"received": "301234"}. */
  ZALO_TEMPLATE_IDS: jsonObject.optional(),
  NOTIFY_TIMEOUT_MS: timeoutMs.default(10_000),
  /** How applicants reach the desk, printed in every notice. */
  NOTIFY_CONTACT_LINE: z.string().min(1).max(300).default('Bộ phận Một cửa nơi tiếp nhận hồ sơ'),
  /** Attempts before a delivery to a national system is parked: enough to ride out an outage of hours. */
  INTEGRATIONS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1_000).default(30),
};

/** Logins and sessions (src/auth/settings.ts). */
const auth = {
  /** Roles whose accounts need a second factor (TOTP) to sign in; empty to require none. Demo accounts are exempt. */
  TOTP_REQUIRED_ROLES: z
    .string()
    .regex(
      /^\s*([a-z_]+\s*(,\s*[a-z_]+\s*)*)?$/,
      'danh sách vai trò, phân cách bằng dấu phẩy (comma-separated roles)',
    )
    .default('admin,controller')
    .transform((text) =>
      text
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r.length > 0),
    ),
  /**
   * Citizens' login through the national identity provider (OpenID Connect, VNeID): on when the issuer is
   * set. Without it, demo mode starts a local provider; outside demo mode there is no such login.
   */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(255).optional(),
  OIDC_CLIENT_SECRET: secret.optional(),
  OIDC_SCOPE: z
    .string()
    .regex(/^openid( [\w:.-]+)*$/, 'bắt đầu bằng openid (must start with openid)')
    .default('openid profile identity organisation'),
  /** The claim carrying the 12-digit personal identity number. */
  OIDC_ID_NUMBER_CLAIM: z
    .string()
    .regex(/^[\w:.-]{1,100}$/)
    .default('identity_number'),
  OIDC_TIMEOUT_MS: timeoutMs.default(10_000),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_LOCKOUT_AFTER: z.coerce.number().int().min(1).max(1_000).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3_600),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  SESSION_PURGE_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
};

/**
 * Documents (src/documents): where files are kept, how big they may be, the virus scanner, the signing keys and
 * the time-stamp authority. Paths default to places under MOTCUA_DATA_DIR (see `documentPaths`).
 */
const megabytes = (max: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max * 1024 * 1024);
const documents = {
  /** `local`: a directory under the data directory (copied by `motcua backup`); `s3`: an S3-compatible store. */
  MOTCUA_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'tên bucket S3 không hợp lệ (invalid bucket name)')
    .optional(),
  S3_ACCESS_KEY_ID: secret.optional(),
  S3_SECRET_ACCESS_KEY: secret.optional(),
  /** Path-style addressing (`endpoint/bucket/key`), which S3-compatible servers expect. */
  S3_FORCE_PATH_STYLE: booleanFlag.default(true),
  /** Bytes of one uploaded file. */
  UPLOAD_MAX_FILE_BYTES: megabytes(1024).default(20 * 1024 * 1024),
  /** Bytes of all files attached to one dossier. */
  UPLOAD_MAX_DOSSIER_BYTES: megabytes(10 * 1024).default(200 * 1024 * 1024),
  UPLOAD_MAX_DOSSIER_FILES: z.coerce.number().int().min(1).max(10_000).default(200),
  UPLOAD_MAX_PDF_PAGES: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Width × height of an uploaded image (a phone photo is 12–50 million). */
  UPLOAD_MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).max(2_000_000_000).default(100_000_000),
  /** What a DOCX/XLSX may inflate to (a decompression bomb declares far more). */
  UPLOAD_MAX_UNCOMPRESSED_BYTES: megabytes(10 * 1024).default(200 * 1024 * 1024),
  /** ClamAV: clamd's Unix socket, or host and port; without either, Debian's socket is tried, else files are marked "not scanned". */
  CLAMD_SOCKET: z.string().min(1).max(500).optional(),
  CLAMD_HOST: z.string().min(1).max(255).optional(),
  CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CLAMD_TIMEOUT_MS: timeoutMs.default(30_000),
  /** Agencies' signing keys: `<agency code>.pem` (private key and certificates) or `<agency code>.p12`. */
  SIGNING_KEYS_DIR: z.string().min(1).max(1000).optional(),
  SIGNING_P12_PASSWORD: secret.optional(),
  /** PEM bundle of the root certificates this deployment trusts (its own CA, the national root, …). */
  SIGNING_TRUSTED_ROOTS: z.string().min(1).max(1000).optional(),
  /** A remote signing service (keys in an HSM or a signing server) instead of local key files. */
  SIGNING_REMOTE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SIGNING_REMOTE_API_KEY: secret.optional(),
  SIGNING_TIMEOUT_MS: timeoutMs.default(15_000),
  /** RFC 3161 time-stamp authority: signatures become PAdES B-T (B-B without it). */
  TIMESTAMP_URL: z.url({ protocol: /^https?$/ }).optional(),
  TIMESTAMP_POLICY: z
    .string()
    .regex(/^\d+(\.\d+)+$/, 'phải là một OID (must be an OID)')
    .optional(),
  TIMESTAMP_TIMEOUT_MS: timeoutMs.default(10_000),
};

/** A per-IP limit per minute; 0 turns it off (e.g. behind a gateway that limits already). */
const perMinute = z.coerce.number().int().min(0).max(1_000_000);

/**
 * Browser and network hardening (src/http/security.ts). `MOTCUA_TRUST_PROXY`: `false` (default: the client
 * is the TCP peer), `true` (trust every proxy), a number of hops, or a comma-separated list of proxy
 * addresses/CIDRs; only then are X-Forwarded-For/-Proto believed (client IP for rate limits, https for the
 * cookie's Secure flag and HSTS).
 */
const hardening = {
  MOTCUA_TRUST_PROXY: z
    .string()
    .max(2_000)
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+)$/, 'true, false, số bước proxy hoặc danh sách địa chỉ')
    .default('false'),
  /** Other origins (scheme://host[:port], comma-separated) the web app is served from, besides the public URL. */
  MOTCUA_ALLOWED_ORIGINS: z
    .string()
    .max(2_000)
    .transform((text, ctx) => {
      const origins = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      for (const origin of origins) {
        if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
          ctx.addIssue({ code: 'custom', message: `không phải một origin: ${origin}` });
          return z.NEVER;
        }
      }
      return origins;
    })
    .default([]),
  /** Requests that change state (every POST/PUT/PATCH/DELETE but login and logout), per client IP per minute. */
  MOTCUA_RATE_WRITES_PER_MINUTE: perMinute.default(300),
  /** Public tracking by dossier code (and its QR code), per client IP per minute: slows guessing of codes. */
  MOTCUA_RATE_TRACKING_PER_MINUTE: perMinute.default(30),
};

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là URL postgres:// (must be a postgres:// URL)')
    .optional(),
  /**
   * The owner's URL for migrations and the command line, when DATABASE_URL is the server's least-privileged
   * role (docs/SECURITY.md); without it DATABASE_URL does both.
   */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là URL postgres:// (must be a postgres:// URL)')
    .optional(),
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  MOTCUA_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Connections each server process keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  MOTCUA_DEMO: booleanFlag.default(true),
  MOTCUA_DEMO_PASSWORD: z.string().min(1).default('demo'),
  /** The address people reach the portal at; QR codes on printed forms point there. */
  MOTCUA_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The bearer token Prometheus presents to GET /metrics; without it the endpoint is off. */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,200}$/, '16–200 printable ASCII characters, no spaces')
    .optional(),
  TZ_OFFICE: z.literal('Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  ...integrations,
  ...auth,
  ...documents,
  ...hardening,
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

/**
 * The server's JavaScript heap limit, in MiB, given to Node when it starts (`npm start`, the HA cluster's
 * servers, the bench's server): without it Node sizes the heap from the machine's memory (about 4 GiB here) and
 * collects lazily, and the server's resident memory passed 600 MiB under 32 clients; with 192 MiB it stayed
 * under 350 MiB at the same throughput (`npm run bench -- --only actions`, 1 M dossiers). Heavy work (PDFs,
 * imports, exports) runs on worker threads or streams, so the main thread's heap stays small.
 */
export const SERVER_HEAP_MIB = 256;

/** Node's flag for that limit (package.json's `start` script writes the same value). */
export const SERVER_NODE_FLAGS = [`--max-old-space-size=${SERVER_HEAP_MIB}`];

/** Validates the environment once at boot; the first bad variable stops the start with one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(
      `Cấu hình không hợp lệ / invalid configuration: ${name}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.MOTCUA_DATA_DIR) };
}
