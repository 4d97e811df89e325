import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/roles.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { lookupCitizen } from '../src/integrations/population/lookup-citizen.js';
import { integrationSettings } from '../src/integrations/settings.js';
import { type Integrations, registerIntegrations, startIntegrations } from '../src/integrations/wiring.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { Desk } from './dossier-fixtures.js';
import { type TestApp, testApp } from './helpers.js';
import { counterDossier, until } from './integration-fixtures.js';

describe('wiring the national systems as npm start does', () => {
  let t: TestApp;
  let integrations: Integrations;

  beforeAll(async () => {
    t = await testApp();
    integrations = await startIntegrations(t.db.kysely, loadConfig({ MOTCUA_DEMO: 'true' }), {
      publicUrl: 'http://localhost:3000',
    });
  });
  afterAll(async () => {
    await integrations.close();
    await t.close();
  });

  it('in demo mode starts the simulators, registers the consumers and carries a dossier to the portal and the applicant, feedback to its submitter', async () => {
    expect(Object.keys(integrations.handlers).sort()).toEqual([
      'feedback-notifications',
      'national-portal',
      'notifications',
    ]);
    expect(integrations.workerOptions).toEqual({ maxAttempts: 30 });
    expect(integrations.demo.started).toHaveLength(5);
    expect(integrations.catalogue).not.toBeNull();
    const consumers = await t.db.kysely.selectFrom('outbox_consumers').select(['name', 'kinds']).execute();
    expect(consumers.map((c) => c.name).sort()).toEqual([
      'feedback-notifications',
      'national-portal',
      'notifications',
    ]);

    const code = await counterDossier(new Desk(t.app), 1, { email: 'demo@example.vn' });
    const worker = new OutboxWorker(t.db.kysely, integrations.handlers, {
      ...integrations.workerOptions,
      pollMs: 10,
    });
    worker.start();
    await until(() => (integrations.demo.portal?.messagesOf(code).length ?? 0) === 3);
    await until(() => (integrations.demo.mail?.received.length ?? 0) === 1);
    const feedback = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: {
        subject: 'service',
        title: 'Thời gian chờ tại quầy',
        content: 'Thời gian chờ tại quầy tiếp nhận hồ sơ buổi sáng quá lâu, đề nghị bố trí thêm quầy.',
        submitter: { email: 'demo.pakn@example.vn' },
      },
    });
    expect(feedback.statusCode, feedback.body).toBe(201);
    await until(() => (integrations.demo.mail?.received.length ?? 0) === 2);
    await worker.stop();
    const [mail, feedbackMail] = await Promise.all(
      (integrations.demo.mail?.received ?? []).map((m) => simpleParser(m.raw)),
    );
    expect(mail?.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(feedbackMail?.subject).toBe(`Phản ánh, kiến nghị ${feedback.json().code} đã được tiếp nhận`);

    const receiver = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'receiver')
      .executeTakeFirstOrThrow();
    const officer: Actor = {
      id: receiver.id,
      username: 'receiver',
      fullName: 'Công chức Bộ phận Một cửa (demo)',
      role: 'receiver',
      agencyCode: '000.00.01.H13',
      unitId: null,
      unitCode: null,
      provinceWide: true,
    };
    const prefill = await lookupCitizen(
      { db: t.db.kysely, registry: integrations.population },
      { idNumber: '092190000001', purpose: 'prefill_dossier', consent: { given: true }, actor: officer },
    );
    expect(prefill).toMatchObject({ kind: 'found', citizen: { fullName: 'Nguyễn Thị Hồng Nhung' } });
  });

  it('outside demo mode, with nothing configured, starts and registers nothing', async () => {
    const settings = integrationSettings(loadConfig({ MOTCUA_DEMO: 'false' }));
    const off = await registerIntegrations(t.db.kysely, settings, { publicUrl: 'http://localhost' });
    expect(off.handlers).toEqual({});
    expect(off.population).toBeNull();
  });

  it.each([
    [{ NATIONAL_PORTAL_URL: 'https://portal.example' }, 'NATIONAL_PORTAL_USERNAME'],
    [
      {
        NATIONAL_PORTAL_URL: 'https://portal.example',
        NATIONAL_PORTAL_USERNAME: 'u',
        NATIONAL_PORTAL_PASSWORD: 'p',
        NATIONAL_PORTAL_PROTOCOL: '{"syncPath": "DongBoHoSoMC"}',
      },
      'NATIONAL_PORTAL_PROTOCOL.syncPath',
    ],
    [
      { ZALO_URL: 'https://zalo.example', ZALO_ACCESS_TOKEN: 't', ZALO_TEMPLATE_IDS: '{"received": "abc"}' },
      'ZALO_TEMPLATE_IDS',
    ],
    [{ POPULATION_URL: 'https://dancu.example', POPULATION_API_KEY: 'k' }, 'POPULATION_AGENCY_CODE'],
  ])('a half-configured integration stops the start with one line naming the variable (%#)', (env, name) => {
    try {
      integrationSettings(loadConfig(env));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(name);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('reads the portal protocol overrides and keeps the 2020 defaults for the rest', () => {
    const settings = integrationSettings(
      loadConfig({
        NATIONAL_PORTAL_URL: 'https://portal.example/api',
        NATIONAL_PORTAL_USERNAME: 'u',
        NATIONAL_PORTAL_PASSWORD: 'p',
        NATIONAL_PORTAL_PROTOCOL: '{"tokenPath": "/oauth/token", "fieldNames": {"MaHoSo": "maHoSo"}}',
      }),
    );
    expect(settings.nationalPortal?.protocol).toMatchObject({
      tokenPath: '/oauth/token',
      syncPath: '/DongBoHoSoMC',
      fieldNames: { MaHoSo: 'maHoSo' },
    });
    expect(() => loadConfig({ NATIONAL_PORTAL_PROTOCOL: '[1]' })).toThrow(/NATIONAL_PORTAL_PROTOCOL/);
  });
});
