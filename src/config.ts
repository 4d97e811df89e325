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
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_LOCKOUT_AFTER: z.coerce.number().int().min(1).max(1_000).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3_600),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  SESSION_PURGE_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
};

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
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
  TZ_OFFICE: z.literal('Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  ...integrations,
  ...auth,
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

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
