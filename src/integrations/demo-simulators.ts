import type { Config } from '../config.js';
import { NationalCatalogueSimulator } from './national-catalogue/simulator.js';
import { portalProtocolSchema } from './national-portal/model.js';
import { NationalPortalSimulator } from './national-portal/simulator.js';
import { SmsGatewaySimulator } from './notifications/gateway-simulators.js';
import { MailSimulator } from './notifications/mail-simulator.js';
import { PopulationSimulator } from './population/simulator.js';
import type { IntegrationSettings } from './settings.js';

export interface DemoSimulators {
  /** The settings with every integration the environment left off pointed at its local simulator. */
  settings: IntegrationSettings;
  /** What was started, for the start-up message: "national portal → http://127.0.0.1:…". */
  started: { name: string; address: string }[];
  portal: NationalPortalSimulator | null;
  catalogue: NationalCatalogueSimulator | null;
  mail: MailSimulator | null;
  sms: SmsGatewaySimulator | null;
  population: PopulationSimulator | null;
  stop(): Promise<void>;
}

const DEMO_TIMEOUT_MS = 5_000;

/**
 * In demo mode, starts on the loopback interface a simulator for each national system the environment
 * did not configure (the national portal, the population database, a mail relay, an SMS gateway), so that
 * `npm start` shows dossiers synced and notices sent with nothing outside the machine. Zalo is left off:
 * no applicant has chosen it yet. Outside demo mode, nothing is started.
 */
export async function startDemoSimulators(
  config: Config,
  settings: IntegrationSettings,
): Promise<DemoSimulators> {
  const demo: DemoSimulators = {
    settings: { ...settings },
    started: [],
    portal: null,
    catalogue: null,
    mail: null,
    sms: null,
    population: null,
    async stop() {
      await Promise.all([
        demo.portal?.stop(),
        demo.catalogue?.stop(),
        demo.mail?.stop(),
        demo.sms?.stop(),
        demo.population?.stop(),
      ]);
    },
  };
  if (!config.MOTCUA_DEMO) return demo;
  try {
    if (!settings.nationalPortal) {
      const portal = new NationalPortalSimulator({ username: 'motcua', password: 'motcua-demo' });
      demo.portal = portal;
      await portal.start();
      demo.settings.nationalPortal = {
        baseUrl: portal.url,
        username: 'motcua',
        password: 'motcua-demo',
        timeoutMs: DEMO_TIMEOUT_MS,
        protocol: portalProtocolSchema.parse({}),
      };
      demo.started.push({
        name: 'Cổng Dịch vụ công quốc gia (mô phỏng)',
        address: `${portal.url}/_simulator/received`,
      });
    }
    if (!settings.nationalCatalogue) {
      const catalogue = new NationalCatalogueSimulator('catalogue-demo-key');
      demo.catalogue = catalogue;
      await catalogue.start();
      demo.settings.nationalCatalogue = {
        baseUrl: catalogue.url,
        apiKey: 'catalogue-demo-key',
        timeoutMs: DEMO_TIMEOUT_MS,
        changesPath: '/api/thu-tuc/thay-doi',
      };
      demo.started.push({
        name: 'CSDL quốc gia về TTHC, thay đổi (mô phỏng)',
        address: `${catalogue.url}/_simulator/changes`,
      });
    }
    if (!settings.population) {
      const population = new PopulationSimulator('population-demo-key');
      demo.population = population;
      await population.start();
      demo.settings.population = {
        baseUrl: population.url,
        apiKey: 'population-demo-key',
        agencyCode: '000.00.01.H13',
        timeoutMs: DEMO_TIMEOUT_MS,
      };
      demo.started.push({ name: 'CSDL quốc gia về dân cư (mô phỏng)', address: population.url });
    }
    if (!settings.smtp) {
      const mail = new MailSimulator({ user: 'motcua', password: 'mail-demo' });
      demo.mail = mail;
      await mail.start();
      demo.settings.smtp = {
        ...mail.address,
        secure: false,
        ignoreTls: true,
        user: 'motcua',
        password: 'mail-demo',
        from: config.MAIL_FROM,
        timeoutMs: DEMO_TIMEOUT_MS,
      };
      demo.started.push({ name: 'Máy chủ thư (mô phỏng)', address: `smtp://127.0.0.1:${mail.address.port}` });
    }
    if (!settings.sms) {
      const sms = new SmsGatewaySimulator({ apiKey: 'sms-demo-key', brandname: config.SMS_BRANDNAME });
      demo.sms = sms;
      await sms.start();
      demo.settings.sms = {
        baseUrl: sms.url,
        apiKey: 'sms-demo-key',
        brandname: config.SMS_BRANDNAME,
        asciiOnly: config.SMS_ASCII_ONLY,
        timeoutMs: DEMO_TIMEOUT_MS,
      };
      demo.started.push({ name: 'Cổng SMS (mô phỏng)', address: sms.url });
    }
  } catch (error) {
    await demo.stop();
    throw error;
  }
  return demo;
}
