import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { DeliveryHandler } from '../outbox/model.js';
import type { WorkerOptions } from '../outbox/worker.js';
import { type DemoSimulators, startDemoSimulators } from './demo-simulators.js';
import { httpNationalCatalogue } from './national-catalogue/http-client.js';
import type { NationalCatalogue } from './national-catalogue/model.js';
import { nationalPortalHandler } from './national-portal/deliver.js';
import { httpNationalPortal } from './national-portal/http-client.js';
import { NATIONAL_PORTAL_HANDLER } from './national-portal/model.js';
import type { NationalPortal } from './national-portal/port.js';
import { registerNationalPortalConsumer } from './national-portal/register.js';
import { notificationHandler } from './notifications/deliver.js';
import { feedbackNotificationHandler } from './notifications/deliver-feedback.js';
import { smtpEmailSender } from './notifications/email.js';
import { httpSmsSender, httpZaloSender } from './notifications/http-senders.js';
import {
  FEEDBACK_NOTIFICATIONS_HANDLER,
  NOTIFICATIONS_HANDLER,
  type NotificationChannel,
} from './notifications/model.js';
import type { NotificationSender } from './notifications/ports.js';
import { registerNotificationsConsumer } from './notifications/register.js';
import { httpPopulationRegistry } from './population/http-client.js';
import type { PopulationRegistry } from './population/port.js';
import { type IntegrationSettings, integrationSettings } from './settings.js';

export interface Integrations {
  /** Outbox handlers by name, for an OutboxWorker. */
  handlers: Record<string, DeliveryHandler>;
  /**
   * Options for the worker carrying them: national systems can be down for hours, so a delivery is
   * parked only after many attempts (the default worker parks after about a quarter of an hour).
   */
  workerOptions: Partial<WorkerOptions>;
  /** The national portal's client (filings are taken through it); null when no portal is configured. */
  portal: NationalPortal | null;
  /** The national procedure database's change feed (catalogue sync); null when none is configured. */
  catalogue: NationalCatalogue | null;
  /** For `lookupCitizen`; null when no population database is configured. */
  population: PopulationRegistry | null;
  /** The local simulators started in demo mode, with their addresses. */
  demo: DemoSimulators;
  close(): Promise<void>;
}

/**
 * Registers the outbox consumers of the configured national systems and builds their handlers: the
 * national portal sync (`national-portal`), the notices to applicants (`notifications`) and those to
 * feedback submitters (`feedback-notifications`). Only what is configured is registered: a consumer without
 * a handler would only pile up deliveries.
 */
export async function registerIntegrations(
  db: Kysely<Database>,
  settings: IntegrationSettings,
  options: { publicUrl: string },
): Promise<Omit<Integrations, 'demo'>> {
  const handlers: Record<string, DeliveryHandler> = {};
  const closers: (() => void)[] = [];

  const portal = settings.nationalPortal ? httpNationalPortal(settings.nationalPortal) : null;
  if (portal) {
    await registerNationalPortalConsumer(db);
    handlers[NATIONAL_PORTAL_HANDLER] = nationalPortalHandler({ db, portal });
  }

  const senders: Partial<Record<NotificationChannel, NotificationSender>> = {};
  if (settings.smtp) {
    const email = smtpEmailSender(settings.smtp);
    closers.push(() => email.close());
    senders.email = email;
  }
  if (settings.sms) senders.sms = httpSmsSender(settings.sms);
  if (settings.zalo) senders.zalo = httpZaloSender(settings.zalo);
  if (Object.keys(senders).length > 0) {
    await registerNotificationsConsumer(db);
    const notificationDeps = {
      db,
      senders,
      publicUrl: options.publicUrl,
      contactLine: settings.contactLine,
    };
    handlers[NOTIFICATIONS_HANDLER] = notificationHandler(notificationDeps);
    handlers[FEEDBACK_NOTIFICATIONS_HANDLER] = feedbackNotificationHandler(notificationDeps);
  }

  return {
    handlers,
    portal,
    catalogue: settings.nationalCatalogue ? httpNationalCatalogue(settings.nationalCatalogue) : null,
    workerOptions: { maxAttempts: settings.maxAttempts },
    population: settings.population ? httpPopulationRegistry(settings.population) : null,
    async close() {
      for (const close of closers) close();
    },
  };
}

/**
 * Everything `start` needs from the national systems: settings from the environment, local simulators in
 * demo mode for what is not configured, consumers registered and their handlers built.
 */
export async function startIntegrations(
  db: Kysely<Database>,
  config: Config,
  options: { publicUrl: string },
): Promise<Integrations> {
  const demo = await startDemoSimulators(config, integrationSettings(config));
  try {
    const registered = await registerIntegrations(db, demo.settings, options);
    return {
      ...registered,
      demo,
      async close() {
        await registered.close();
        await demo.stop();
      },
    };
  } catch (error) {
    await demo.stop();
    throw error;
  }
}
