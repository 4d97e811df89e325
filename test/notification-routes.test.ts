import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationHandler } from '../src/integrations/notifications/deliver.js';
import { NOTIFICATIONS_HANDLER, type NotificationChannel } from '../src/integrations/notifications/model.js';
import type { NotificationSender, OutgoingNotice } from '../src/integrations/notifications/ports.js';
import { registerNotificationsConsumer } from '../src/integrations/notifications/register.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { bearer, type TestApp, testApp } from './helpers.js';
import { until } from './integration-fixtures.js';

/** A channel that keeps what it was given (the adapters are tested against their simulators elsewhere). */
function recordingSender(channel: NotificationChannel, sent: { channel: string; notice: OutgoingNotice }[]) {
  return {
    channel,
    async send(notice) {
      sent.push({ channel, notice });
      return { kind: 'sent', providerId: null };
    },
  } satisfies NotificationSender;
}

describe('notification routes: templates, the applicant’s channels, what was sent', () => {
  let t: TestApp;
  let desk: Desk;
  const call = async (
    username: string,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: bearer(await desk.token(username)),
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    await registerNotificationsConsumer(t.db.kysely);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the controller edit a wording, preview it with an example dossier, and go back to the shipped one', async () => {
    const listed = await call('controller', 'GET', '/api/notification-templates');
    expect(listed.statusCode).toBe(200);
    const shipped = listed
      .json()
      .items.find((i: { kind: string; channel: string }) => i.kind === 'received' && i.channel === 'email');
    expect(shipped).toMatchObject({ subject: 'Hồ sơ {{code}} đã được tiếp nhận', editedAt: null });
    // Seven dossier notices and four feedback notices, each by e-mail and SMS.
    expect(listed.json().total).toBe(24);
    expect(listed.json().placeholders).toContain('dueAt');
    const feedbackSms = listed
      .json()
      .items.find(
        (i: { kind: string; channel: string }) => i.kind === 'feedback_answered' && i.channel === 'sms',
      );
    expect(feedbackSms.placeholders).toContain('answer');
    expect(feedbackSms.placeholders).not.toContain('procedure');
    const feedbackPreview = await call(
      'controller',
      'POST',
      '/api/notification-templates/feedback_answered/sms/preview',
      { body: 'Phản ánh {{code}} đã có trả lời: {{trackingUrl}}' },
    );
    expect(feedbackPreview.json()).toEqual({
      subject: null,
      body: 'Phản ánh PAKN-261122-0007 đã có trả lời: https://dichvucong.cantho.example/phan-anh/theo-doi/PAKN-261122-0007',
    });
    const foreign = await call('controller', 'PUT', '/api/notification-templates/feedback_answered/sms', {
      body: 'Thủ tục {{procedure}}',
    });
    expect(foreign.statusCode).toBe(400);
    expect(JSON.stringify(foreign.json())).toContain('procedure');

    const wording = {
      subject: 'Đã nhận hồ sơ {{code}}',
      body: 'Hẹn trả lúc {{dueAt}}. Theo dõi: {{trackingUrl}}',
    };
    const preview = await call(
      'controller',
      'POST',
      '/api/notification-templates/received/email/preview',
      wording,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      subject: 'Đã nhận hồ sơ 000.00.01.H13-261122-0012',
      body: 'Hẹn trả lúc 17:00 04/12/2026. Theo dõi: https://dichvucong.cantho.example/tra-cuu/000.00.01.H13-261122-0012',
    });
    const typo = await call('controller', 'POST', '/api/notification-templates/received/email/preview', {
      subject: 'Hồ sơ {{code}}',
      body: 'Kính gửi {{hoTen}}',
    });
    expect(typo.statusCode).toBe(400);
    expect(JSON.stringify(typo.json())).toContain('hoTen');

    expect(
      (await call('controller', 'PUT', '/api/notification-templates/received/email', wording)).statusCode,
    ).toBe(204);
    const edited = (await call('admin', 'GET', '/api/notification-templates'))
      .json()
      .items.find((i: { kind: string; channel: string }) => i.kind === 'received' && i.channel === 'email');
    expect(edited).toMatchObject({ subject: wording.subject, body: wording.body });
    expect(edited.editedAt).not.toBeNull();

    expect((await call('admin', 'DELETE', '/api/notification-templates/received/email')).statusCode).toBe(
      204,
    );
    const back = (await call('admin', 'GET', '/api/notification-templates'))
      .json()
      .items.find((i: { kind: string; channel: string }) => i.kind === 'received' && i.channel === 'email');
    expect(back).toMatchObject({ subject: 'Hồ sơ {{code}} đã được tiếp nhận', editedAt: null });
    expect((await call('receiver', 'GET', '/api/notification-templates')).statusCode).toBe(403);
  });

  it('sends each notice on the channels the applicant chose, and shows officer and applicant what was sent', async () => {
    const sent: { channel: string; notice: OutgoingNotice }[] = [];
    const worker = new OutboxWorker(
      t.db.kysely,
      {
        [NOTIFICATIONS_HANDLER]: notificationHandler({
          db: t.db.kysely,
          senders: {
            email: recordingSender('email', sent),
            sms: recordingSender('sms', sent),
            zalo: recordingSender('zalo', sent),
          },
          publicUrl: 'https://dichvucong.cantho.example',
          contactLine: 'Bộ phận Một cửa',
        }),
      },
      { pollMs: 20 },
    );
    worker.start();
    try {
      const created = await desk.intake('citizen', {
        procedureCode: '3.000333',
        channel: 'online',
        applicant: applicant({ phone: '0912000111' }),
      });
      expect(created.statusCode).toBe(201);
      const code = created.json().code as string;
      await desk.ok('receiver', code, { action: 'accept' });
      await until(() => sent.some((s) => s.notice.kind === 'received'));
      expect(sent.map((s) => s.channel)).toEqual(['email']);

      const chosen = await call('citizen', 'PUT', `/api/dossiers/${code}/notification-channels`, {
        channels: ['sms', 'zalo', 'sms'],
      });
      expect(chosen.statusCode).toBe(200);
      expect(chosen.json()).toEqual({ channels: ['sms', 'zalo'] });
      await desk.ok('citizen', code, { action: 'withdraw', reason: 'Tôi nộp lại hồ sơ khác' });
      await desk.ok('receiver', code, { action: 'stop_processing', reason: 'Tôi nộp lại hồ sơ khác' });
      await until(() => sent.filter((s) => s.notice.kind === 'stopped').length === 2);

      for (const reader of ['citizen', 'receiver']) {
        const notices = await call(reader, 'GET', `/api/dossiers/${code}/notices`);
        expect(notices.statusCode).toBe(200);
        expect(notices.json()).toMatchObject({
          channels: ['sms', 'zalo'],
          items: [
            { kind: 'received', channel: 'email', recipient: 'n***@example.vn', status: 'sent' },
            { kind: 'stopped', channel: 'sms', recipient: '091****111', status: 'sent' },
            { kind: 'stopped', channel: 'zalo', recipient: '091****111', status: 'sent' },
          ],
        });
      }
      // Another applicant's dossier is not found, and a processor may not choose for the applicant.
      expect((await call('processor.ninhkieu', 'GET', `/api/dossiers/${code}/notices`)).statusCode).toBe(404);
      expect(
        (await call('processor', 'PUT', `/api/dossiers/${code}/notification-channels`, { channels: ['sms'] }))
          .statusCode,
      ).toBe(403);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it('refuses e-mail for a dossier that has no address', async () => {
    const created = await desk.intake('receiver', {
      procedureCode: '3.000333',
      channel: 'counter',
      applicant: applicant({ email: undefined }),
    });
    const code = created.json().code as string;
    const refused = await call('receiver', 'PUT', `/api/dossiers/${code}/notification-channels`, {
      channels: ['email'],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('chưa có địa chỉ thư điện tử');
    const notices = await call('receiver', 'GET', `/api/dossiers/${code}/notices`);
    expect(notices.json().channels).toBeNull();
  });
});
