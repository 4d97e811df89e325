import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

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
