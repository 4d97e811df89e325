import { z } from 'zod';
import { type Config, ConfigError } from '../config.js';
import type { CatalogueSettings } from './national-catalogue/model.js';
import { type PortalSettings, portalProtocolSchema } from './national-portal/model.js';
import type { SmtpSettings } from './notifications/email.js';
import type { SmsSettings, ZaloSettings } from './notifications/http-senders.js';
import { NOTICE_KINDS } from './notifications/model.js';
import type { PopulationSettings } from './population/http-client.js';

/** Each national system's settings, or null when it is off. */
export interface IntegrationSettings {
  nationalPortal: PortalSettings | null;
  nationalCatalogue: CatalogueSettings | null;
  population: PopulationSettings | null;
  smtp: SmtpSettings | null;
  sms: SmsSettings | null;
  zalo: ZaloSettings | null;
  contactLine: string;
  maxAttempts: number;
}

const zaloTemplatesSchema = z.partialRecord(z.enum(NOTICE_KINDS), z.string().regex(/^\d{1,20}$/));

function shaped<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(
    `Cấu hình không hợp lệ / invalid configuration: ${name}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`,
  );
}

function needs(name: string, value: string | undefined, because: string): string {
  if (value === undefined)
    throw new ConfigError(`Cấu hình thiếu / missing configuration: ${name} (${because})`);
  return value;
}

/** The settings of every integration the environment turns on; a half-configured one stops the start. */
export function integrationSettings(config: Config): IntegrationSettings {
  const portal = config.NATIONAL_PORTAL_URL;
  const population = config.POPULATION_URL;
  const sms = config.SMS_URL;
  const zalo = config.ZALO_URL;
  return {
    nationalPortal: portal
      ? {
          baseUrl: portal,
          username: needs(
            'NATIONAL_PORTAL_USERNAME',
            config.NATIONAL_PORTAL_USERNAME,
            'NATIONAL_PORTAL_URL is set',
          ),
          password: needs(
            'NATIONAL_PORTAL_PASSWORD',
            config.NATIONAL_PORTAL_PASSWORD,
            'NATIONAL_PORTAL_URL is set',
          ),
          timeoutMs: config.NATIONAL_PORTAL_TIMEOUT_MS,
          protocol: shaped(
            'NATIONAL_PORTAL_PROTOCOL',
            portalProtocolSchema,
            config.NATIONAL_PORTAL_PROTOCOL ?? {},
          ),
        }
      : null,
    nationalCatalogue: config.NATIONAL_CATALOGUE_URL
      ? {
          baseUrl: config.NATIONAL_CATALOGUE_URL,
          apiKey: needs(
            'NATIONAL_CATALOGUE_API_KEY',
            config.NATIONAL_CATALOGUE_API_KEY,
            'NATIONAL_CATALOGUE_URL is set',
          ),
          timeoutMs: config.NATIONAL_PORTAL_TIMEOUT_MS,
          changesPath: config.NATIONAL_CATALOGUE_PATH,
        }
      : null,
    population: population
      ? {
          baseUrl: population,
          apiKey: needs('POPULATION_API_KEY', config.POPULATION_API_KEY, 'POPULATION_URL is set'),
          agencyCode: needs('POPULATION_AGENCY_CODE', config.POPULATION_AGENCY_CODE, 'POPULATION_URL is set'),
          timeoutMs: config.POPULATION_TIMEOUT_MS,
        }
      : null,
    smtp: config.SMTP_HOST
      ? {
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          secure: config.SMTP_SECURE,
          ignoreTls: false,
          user: config.SMTP_USER ?? null,
          password: config.SMTP_PASSWORD ?? null,
          from: config.MAIL_FROM,
          timeoutMs: config.NOTIFY_TIMEOUT_MS,
        }
      : null,
    sms: sms
      ? {
          baseUrl: sms,
          apiKey: needs('SMS_API_KEY', config.SMS_API_KEY, 'SMS_URL is set'),
          brandname: config.SMS_BRANDNAME,
          asciiOnly: config.SMS_ASCII_ONLY,
          timeoutMs: config.NOTIFY_TIMEOUT_MS,
        }
      : null,
    zalo: zalo
      ? {
          baseUrl: zalo,
          accessToken: needs('ZALO_ACCESS_TOKEN', config.ZALO_ACCESS_TOKEN, 'ZALO_URL is set'),
          templateIds: shaped('ZALO_TEMPLATE_IDS', zaloTemplatesSchema, config.ZALO_TEMPLATE_IDS ?? {}),
          timeoutMs: config.NOTIFY_TIMEOUT_MS,
        }
      : null,
    contactLine: config.NOTIFY_CONTACT_LINE,
    maxAttempts: config.INTEGRATIONS_MAX_ATTEMPTS,
  };
}
