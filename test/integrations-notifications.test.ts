import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/roles.js';
import type { Db } from '../src/db/connection.js';
import { notificationHandler } from '../src/integrations/notifications/deliver.js';
import { editTemplate } from '../src/integrations/notifications/edit-template.js';
import { ZaloSimulator } from '../src/integrations/notifications/gateway-simulators.js';
import { httpZaloSender } from '../src/integrations/notifications/http-senders.js';
import {
  NOTIFICATIONS_CONSUMER,
  NOTIFICATIONS_HANDLER,
  type NoticeValues,
  PLACEHOLDERS,
} from '../src/integrations/notifications/model.js';
import { registerNotificationsConsumer } from '../src/integrations/notifications/register.js';
import { dropTemplate, noticesOf } from '../src/integrations/notifications/store.js';
import type { DeliveryHandler } from '../src/outbox/model.js';
import { replayDelivery } from '../src/outbox/store.js';
import type { WorkerOptions } from '../src/outbox/worker.js';
import { Desk } from './dossier-fixtures.js';
import { type TestApp, testApp } from './helpers.js';
import { counterDossier, deliveriesOf, finishDossier, NoticeBench, until } from './integration-fixtures.js';

const PUBLIC_URL = 'https://dichvucong.cantho.example';
const FAST: Partial<WorkerOptions> = { maxAttempts: 30, backoff: { baseMs: 20, maxMs: 200 } };

describe('notifications to applicants over SMTP and HTTP against local servers', () => {
  let t: TestApp;
  let desk: Desk;
  const bench = new NoticeBench();
  const { mail, sms, workers } = bench;

  function handlerFor(db: Db, wrap?: (inner: DeliveryHandler) => DeliveryHandler) {
    const inner = notificationHandler({
      db: db.kysely,
      senders: bench.senders(),
      publicUrl: PUBLIC_URL,
      contactLine: 'Bộ phận Một cửa, điện thoại 0292 3 820 000',
    });
    return { [NOTIFICATIONS_HANDLER]: wrap ? wrap(inner) : inner };
  }

  const mailsTo = (address: string) => bench.mailsTo(address);

  async function settled() {
    await until(async () =>
      (await deliveriesOf(t.db, NOTIFICATIONS_CONSUMER)).every((d) => d.status !== 'pending'),
    );
  }

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    await registerNotificationsConsumer(t.db.kysely);
    await bench.start();
  });
  afterEach(async () => {
    await workers.closeAll();
  });
  afterAll(async () => {
    await bench.stop();
    await t.close();
  });

  it('e-mails the receipt: a Vietnamese subject and body with the agency, the officer and the times, and no personal data', async () => {
    const code = await counterDossier(desk, 0, { email: 'lan.tran@example.vn', fullName: 'Trần Thị Lan' });
    const worker = await workers.start((db) => handlerFor(db), FAST);
    await until(() => mailsTo('lan.tran@example.vn').length === 1);
    await worker.stop();

    const raw = mailsTo('lan.tran@example.vn')[0]?.raw ?? Buffer.alloc(0);
    // Non-ASCII text travels encoded (RFC 2047 words in headers, quoted-printable or base64 in the body).
    expect(raw.toString('latin1')).not.toContain('tiếp nhận');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    const body = parsed.text ?? '';
    expect(body).toContain(`đã tiếp nhận hồ sơ ${code}`);
    expect(body).toContain('Trung tâm Phục vụ hành chính công');
    expect(body).toContain('Cán bộ tiếp nhận: Công chức Bộ phận Một cửa (demo) (Công chức Bộ phận Một cửa)');
    expect(body).toContain('Liên hệ: Bộ phận Một cửa, điện thoại 0292 3 820 000');
    expect(body).toMatch(/lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./);
    expect(body).toMatch(/Ngày hẹn trả kết quả: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./);
    expect(body).toContain(`${PUBLIC_URL}/tra-cuu/${encodeURIComponent(code)}`);
    expect(body).not.toContain('Trần Thị Lan');
    expect(body).not.toContain('0901234567');
    expect(parsed.from?.text).toContain('khong-tra-loi@cantho.example');
    expect(parsed.messageId).toMatch(/^<motcua-delivery-\d+\.email@cantho\.example>$/);

    expect(await noticesOf(t.db.kysely, code)).toEqual([
      expect.objectContaining({
        kind: 'received',
        channel: 'email',
        status: 'sent',
        recipient_masked: 'l***@example.vn',
      }),
    ]);
  });

  it('e-mails the payment due with its amount, what it is for and the last day, and that the wait is not counted', async () => {
    const code = await counterDossier(desk, 1, { email: 'phuc.le@example.vn', fullName: 'Lê Hoàng Phúc' });
    await desk.ok('processor.stp', code, {
      action: 'request_payment',
      amount: 1_250_000,
      reason: 'Phí thẩm định hồ sơ',
    });
    const worker = await workers.start((db) => handlerFor(db), FAST);
    await until(() => mailsTo('phuc.le@example.vn').length === 2);
    await worker.stop();
    const parsed = await Promise.all(mailsTo('phuc.le@example.vn').map((m) => simpleParser(m.raw)));
    const due = parsed.find((m) => m.subject?.includes('nghĩa vụ tài chính'));
    expect(due?.subject).toBe(`Hồ sơ ${code}: đề nghị thực hiện nghĩa vụ tài chính`);
    expect(due?.text).toContain('Số tiền: 1.250.000 đồng');
    expect(due?.text).toContain('Nội dung: Phí thẩm định hồ sơ');
    expect(due?.text).toContain('không tính vào thời hạn giải quyết');
    expect(due?.text).not.toContain('Lê Hoàng Phúc');
    expect((await noticesOf(t.db.kysely, code)).map((n) => n.kind)).toEqual(['received', 'payment_due']);
  });

  it('sends each notice once per event, across a worker that dies after sending, a restart and a replay', async () => {
    const address = 'once@example.vn';
    const codes = [
      await counterDossier(desk, 3, { email: address }),
      await counterDossier(desk, 3, { email: address }),
    ];
    for (const code of codes) await finishDossier(desk, code);
    // Two notices per dossier: the receipt and the result.
    const expected = codes.length * 2;

    // The first process dies right after each send, before it can record the outcome in the outbox.
    let crashes = 0;
    const dying = await workers.start(
      (db) =>
        handlerFor(db, (inner) => ({
          async deliver(delivery) {
            const outcome = await inner.deliver(delivery);
            if (crashes < 3) {
              crashes++;
              throw new Error('process died');
            }
            return outcome;
          },
        })),
      FAST,
    );
    await until(() => crashes === 3);
    await dying.stop();
    const restarted = await workers.start((db) => handlerFor(db), FAST);
    await settled();
    await restarted.stop();
    expect(mailsTo(address)).toHaveLength(expected);

    // An operator replays every delivery of these dossiers: nothing is sent twice.
    const mine = (await deliveriesOf(t.db, NOTIFICATIONS_CONSUMER)).filter((d) => codes.includes(d.stream));
    for (const delivery of mine) expect(await replayDelivery(t.db.kysely, delivery.id)).toBe(true);
    const again = await workers.start((db) => handlerFor(db), FAST);
    await settled();
    await again.stop();
    expect(mailsTo(address)).toHaveLength(expected);
    const subjects = await Promise.all(
      mailsTo(address).map(async (m) => (await simpleParser(m.raw)).subject),
    );
    for (const code of codes) {
      expect(subjects).toContain(`Hồ sơ ${code} đã được tiếp nhận`);
      expect(subjects).toContain(`Hồ sơ ${code} đã có kết quả`);
    }
    // The notices of events that do not concern the applicant (hand-overs, signing, return) are not sent.
    expect(mine.map((d) => d.kind).sort()).toEqual(['issue_result', 'issue_result', 'receive', 'receive']);
  });

  it('waits for the mail server to come back, then sends once', async () => {
    const address = 'outage@example.vn';
    await mail.stop();
    const code = await counterDossier(desk, 0, { email: address });
    const worker = await workers.start((db) => handlerFor(db), FAST);
    await until(async () => (await noticesOf(t.db.kysely, code))[0]?.status === 'failed');
    await mail.start();
    await settled();
    await worker.stop();
    expect(mailsTo(address)).toHaveLength(1);
    const [notice] = await noticesOf(t.db.kysely, code);
    expect(notice).toMatchObject({ status: 'sent' });
    expect(notice?.attempts).toBeGreaterThan(1);
  });

  it('sends SMS without diacritics when the dossier has no e-mail: the supplement request with its reason, then the stop after a withdrawal', async () => {
    const created = await desk.intake('citizen', {
      procedureCode: '1.001193',
      channel: 'online',
      applicant: {
        kind: 'person',
        fullName: 'Lê Văn Tám',
        idNumber: '092190012345',
        birthDate: '1988-02-03',
        address: { line: '5 Hòa Bình', wardCode: '31135' },
        phone: '0912345678',
      },
      formData: {
        childFullName: 'Lê Gia Huy',
        childBirthDate: '2026-11-20',
        childSex: 'Nam',
        birthPlace: 'Bệnh viện Đa khoa thành phố Cần Thơ',
        motherFullName: 'Phạm Thị Mai',
        relationship: 'Cha',
      },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original' }],
    });
    const code = created.json().code as string;
    await desk.ok('receiver.ninhkieu', code, {
      action: 'request_supplement',
      items: ['Giấy chứng sinh (bản chính)'],
      reason: 'Thiếu giấy chứng sinh',
    });
    await desk.ok('citizen', code, { action: 'withdraw', reason: 'Tôi nộp lại hồ sơ khác' });
    await desk.ok('receiver.ninhkieu', code, { action: 'stop_processing', reason: 'Tôi nộp lại hồ sơ khác' });
    const worker = await workers.start((db) => handlerFor(db), FAST);
    await until(() => sms.sent.filter((m) => m.to === '84912345678').length === 2);
    await worker.stop();
    const [message, stopped] = sms.sent.filter((m) => m.to === '84912345678');
    expect(message?.text).toBe(
      `Ho so ${code} can bo sung, hoan thien. Ly do: Thieu giay chung sinh. Chi tiet: ${PUBLIC_URL}/tra-cuu/${encodeURIComponent(code)}`,
    );
    expect(message?.brandname).toBe('MOTCUA');
    expect(stopped?.text).toBe(
      `Ho so ${code} da dung xu ly theo yeu cau rut ho so. Chi tiet: ${PUBLIC_URL}/tra-cuu/${encodeURIComponent(code)}`,
    );
    expect(await noticesOf(t.db.kysely, code)).toEqual([
      expect.objectContaining({
        kind: 'supplement_requested',
        channel: 'sms',
        status: 'sent',
        recipient_masked: '091****678',
      }),
      expect.objectContaining({ kind: 'stopped', channel: 'sms', status: 'sent' }),
    ]);
  });

  it('uses an edited template for the next notice, and refuses one with a placeholder no notice fills', async () => {
    const controller = { id: 1, username: 'controller', fullName: 'Kiểm soát', role: 'controller' } as Actor;
    await expect(
      editTemplate(t.db.kysely, controller, {
        kind: 'received',
        channel: 'email',
        subject: 'Hồ sơ {{code}}',
        body: 'Chào {{hoTen}}',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const clerk = { ...controller, role: 'clerk' } as Actor;
    await expect(
      editTemplate(t.db.kysely, clerk, { kind: 'received', channel: 'email', subject: 'x', body: 'y' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await editTemplate(t.db.kysely, controller, {
      kind: 'received',
      channel: 'email',
      subject: 'Biên nhận hồ sơ {{code}}',
      body: 'Hồ sơ {{code}} đã được {{agency}} tiếp nhận; hẹn trả {{dueAt}}.',
    });
    const address = 'edited@example.vn';
    const code = await counterDossier(desk, 0, { email: address });
    const worker = await workers.start((db) => handlerFor(db), FAST);
    await until(() => mailsTo(address).length === 1);
    await worker.stop();
    const parsed = await simpleParser(mailsTo(address)[0]?.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe(`Biên nhận hồ sơ ${code}`);
    expect(parsed.text).toMatch(
      /^Hồ sơ .+ đã được Trung tâm Phục vụ hành chính công .+ tiếp nhận; hẹn trả \d{2}:\d{2} /,
    );
    await dropTemplate(t.db.kysely, 'received', 'email');
  });
});

describe('Zalo notifications against the local simulator', () => {
  const zalo = new ZaloSimulator();
  beforeAll(() => zalo.start().then(() => undefined));
  afterAll(() => zalo.stop());

  it('fills the template registered for the notice, and the tracking id makes a resend harmless', async () => {
    const sender = httpZaloSender({
      baseUrl: zalo.url,
      accessToken: 'zalo-demo-token',
      templateIds: { received: '301234' },
      timeoutMs: 2_000,
    });
    const values = Object.fromEntries(PLACEHOLDERS.map((name) => [name, name])) as NoticeValues;
    const notice = {
      messageId: 'motcua-delivery-9.zalo',
      to: '0901234567',
      kind: 'received' as const,
      subject: null,
      body: '',
      values,
    };
    expect(await sender.send(notice)).toEqual({ kind: 'sent', providerId: 'zns-1' });
    expect(await sender.send(notice)).toEqual({ kind: 'sent', providerId: 'zns-1' });
    expect(zalo.sent).toHaveLength(1);
    expect(zalo.duplicates).toBe(1);
    expect(zalo.sent[0]).toMatchObject({
      phone: '84901234567',
      templateId: '301234',
      data: { code: 'code' },
    });
    expect(await sender.send({ ...notice, kind: 'apology', messageId: 'x' })).toMatchObject({
      kind: 'refused',
    });
    const wrongToken = httpZaloSender({
      baseUrl: zalo.url,
      accessToken: 'nope',
      templateIds: { received: '1' },
      timeoutMs: 2_000,
    });
    expect(await wrongToken.send({ ...notice, messageId: 'y' })).toMatchObject({ kind: 'refused' });
  });
});
