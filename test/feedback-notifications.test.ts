import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connection.js';
import { feedbackNotificationHandler } from '../src/integrations/notifications/deliver-feedback.js';
import {
  FEEDBACK_NOTIFICATIONS_CONSUMER,
  FEEDBACK_NOTIFICATIONS_HANDLER,
} from '../src/integrations/notifications/model.js';
import { registerNotificationsConsumer } from '../src/integrations/notifications/register.js';
import { noticesOf } from '../src/integrations/notifications/store.js';
import type { DeliveryHandler } from '../src/outbox/model.js';
import { replayDelivery } from '../src/outbox/store.js';
import type { WorkerOptions } from '../src/outbox/worker.js';
import { STP } from './dossier-fixtures.js';
import { FeedbackDesk } from './feedback-fixtures.js';
import { type TestApp, type TestClock, testApp } from './helpers.js';
import { deliveriesOf, NoticeBench, until } from './integration-fixtures.js';

const PUBLIC_URL = 'https://dichvucong.cantho.example';
const FAST: Partial<WorkerOptions> = { maxAttempts: 30, backoff: { baseMs: 20, maxMs: 200 } };
const vn = (text: string) => Date.parse(`${text}+07:00`);
const followUrl = (code: string) => `${PUBLIC_URL}/phan-anh/theo-doi/${code}`;

describe('notices to the feedback submitter, through the outbox, against the local mail server and SMS gateway', () => {
  const clock: TestClock = { now: vn('2026-02-13T10:00:00') };
  let t: TestApp;
  let desk: FeedbackDesk;
  const bench = new NoticeBench();
  const { mail, sms, workers } = bench;
  const ok = (username: string, code: string, body: Record<string, unknown>) => desk.ok(username, code, body);

  function handlerFor(db: Db, wrap?: (inner: DeliveryHandler) => DeliveryHandler) {
    const inner = feedbackNotificationHandler({
      db: db.kysely,
      senders: bench.senders(),
      publicUrl: PUBLIC_URL,
      contactLine: 'Văn phòng UBND thành phố, điện thoại 0292 3 820 000',
    });
    return { [FEEDBACK_NOTIFICATIONS_HANDLER]: wrap ? wrap(inner) : inner };
  }

  const mailsTo = (address: string) => bench.mailsTo(address);
  const parsedMailsTo = (address: string) => Promise.all(mailsTo(address).map((m) => simpleParser(m.raw)));

  /** Runs a worker until every delivery of these items has been delivered. */
  async function deliverAll(codes: string[]) {
    const worker = await workers.start((db) => handlerFor(db), FAST);
    await until(async () =>
      (await deliveriesOf(t.db, FEEDBACK_NOTIFICATIONS_CONSUMER))
        .filter((d) => codes.includes(d.stream))
        .every((d) => d.status === 'delivered'),
    );
    await worker.stop();
  }

  const submit = (submitter?: Record<string, string>) => desk.submit(submitter ? { submitter } : {});

  async function classifyToStp(code: string) {
    await ok('controller', code, {
      action: 'classify',
      outcome: 'within_competence',
      reason: 'Thuộc thẩm quyền của Sở Tư pháp',
      toAgency: STP,
    });
  }

  async function handleAndAnswer(code: string, answer: string) {
    await ok('processor.stp', code, { action: 'handle', result: 'Đã bỏ yêu cầu bản sao giấy kết hôn' });
    await ok('processor.stp', code, { action: 'answer', answer });
  }

  beforeAll(async () => {
    t = await testApp({ clock });
    desk = new FeedbackDesk(t.app);
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

  it('e-mails the receipt once, with the code and the classification deadline, across a worker that dies after sending and a replay', async () => {
    clock.now = vn('2026-02-13T10:00:00');
    const address = 'binh.tran@example.vn';
    const { code, accessKey } = await submit({
      name: 'Trần Văn Bình',
      phone: '0912345678',
      email: address,
      address: '12 Hòa Bình, Ninh Kiều',
    });

    // The first process dies right after sending, before the outbox hears the outcome.
    let crashed = false;
    const dying = await workers.start(
      (db) =>
        handlerFor(db, (inner) => ({
          async deliver(delivery) {
            const outcome = await inner.deliver(delivery);
            if (!crashed) {
              crashed = true;
              throw new Error('process died');
            }
            return outcome;
          },
        })),
      FAST,
    );
    await until(() => crashed);
    await dying.stop();
    await deliverAll([code]);
    expect(mailsTo(address)).toHaveLength(1);

    const [delivery] = (await deliveriesOf(t.db, FEEDBACK_NOTIFICATIONS_CONSUMER)).filter(
      (d) => d.stream === code,
    );
    expect(delivery).toMatchObject({ kind: 'receive', status: 'delivered' });
    expect(delivery?.attempts).toBeGreaterThan(1);
    expect(await replayDelivery(t.db.kysely, delivery?.id ?? 0)).toBe(true);
    await deliverAll([code]);
    expect(mailsTo(address)).toHaveLength(1);

    const [receipt] = await parsedMailsTo(address);
    expect(receipt?.subject).toBe(`Phản ánh, kiến nghị ${code} đã được tiếp nhận`);
    const body = receipt?.text ?? '';
    expect(body).toContain(`đã được tiếp nhận lúc 10:00 13/02/2026, mã số ${code}.`);
    // Five working days after Friday 13/2/2026, across the Tết break (RULES.md §7).
    expect(body).toContain('Hạn phân loại, xử lý bước đầu: 17:00 27/02/2026.');
    expect(body).toContain(`Theo dõi tại ${followUrl(code)} với mã bí mật`);
    for (const personal of ['Trần Văn Bình', '0912345678', 'Hòa Bình', accessKey])
      expect(body).not.toContain(personal);
    expect(receipt?.messageId).toMatch(/^<motcua-delivery-\d+\.email@cantho\.example>$/);
    expect(await noticesOf(t.db.kysely, code)).toEqual([
      expect.objectContaining({
        kind: 'feedback_received',
        channel: 'email',
        status: 'sent',
        recipient_masked: 'b***@example.vn',
      }),
    ]);
  });

  it('tells the submitter of a request to clarify with the question, of progress with the next report’s date, and of the answer with its text', async () => {
    clock.now = vn('2026-02-13T10:00:00');
    const address = 'lan.le@example.vn';
    const { code, accessKey } = await submit({ name: 'Lê Thị Lan', email: address });
    const question = 'Đề nghị nêu rõ phường nơi Quý ông/bà đăng ký khai sinh cho con.';
    await ok('controller', code, { action: 'request_clarification', question });
    const mine = await t.app.inject({
      url: `/api/feedback/${code}/mine`,
      headers: { 'x-feedback-key': accessKey },
    });
    const clarified = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/${code}/mine/actions`,
      headers: { 'x-feedback-key': accessKey },
      payload: { action: 'clarify', version: mine.json().version, text: 'Phường Tân An, quận Ninh Kiều.' },
    });
    expect(clarified.statusCode, clarified.body).toBe(200);
    clock.now = vn('2026-02-24T09:00:00');
    await classifyToStp(code);
    // Handling was due Tue 17/3; overdue on Wed 25/3, a report is owed: the next one five working days on.
    clock.now = vn('2026-03-25T09:00:00');
    await ok('processor.stp', code, { action: 'progress', text: 'Đang lấy ý kiến Sở Nội vụ' });
    clock.now = vn('2026-03-26T10:00:00');
    const answer =
      'Sở Tư pháp đã hướng dẫn không yêu cầu bản sao giấy chứng nhận kết hôn khi đăng ký khai sinh.';
    await handleAndAnswer(code, answer);
    await deliverAll([code]);

    const mails = await parsedMailsTo(address);
    expect(mails.map((m) => m.subject)).toEqual([
      `Phản ánh, kiến nghị ${code} đã được tiếp nhận`,
      `Phản ánh, kiến nghị ${code}: đề nghị làm rõ nội dung`,
      `Phản ánh, kiến nghị ${code}: tiến độ xử lý`,
      `Phản ánh, kiến nghị ${code} đã có trả lời`,
    ]);
    const [, clarification, progress, answered] = mails.map((m) => m.text ?? '');
    expect(clarification).toContain(`${question}\n`);
    expect(clarification).toContain(`Gửi nội dung làm rõ tại ${followUrl(code)}`);
    expect(progress).toContain(
      'đang được Sở Tư pháp xử lý. Tiến độ xử lý đến 09:00 25/03/2026:\nĐang lấy ý kiến Sở Nội vụ',
    );
    expect(progress).toContain('Báo cáo tiến độ tiếp theo chậm nhất: 17:00 01/04/2026.');
    expect(answered).toContain(`Sở Tư pháp trả lời phản ánh, kiến nghị ${code}`);
    expect(answered).toContain(answer);
    for (const text of mails.map((m) => m.text ?? '')) expect(text).not.toContain('Lê Thị Lan');
    // The submitter's own clarification, the classification and the handling are not told.
    expect((await noticesOf(t.db.kysely, code)).map((n) => n.kind)).toEqual([
      'feedback_received',
      'feedback_clarification',
      'feedback_progress',
      'feedback_answered',
    ]);
  });

  it('tells anonymous feedback nothing, nor a submitter who left only a name', async () => {
    clock.now = vn('2026-02-13T10:00:00');
    const before = { mails: mail.received.length, sms: sms.sent.length };
    const anonymous = (await submit()).code;
    const nameOnly = (await submit({ name: 'Nguyễn Văn An' })).code;
    for (const code of [anonymous, nameOnly]) {
      await classifyToStp(code);
      await handleAndAnswer(code, 'Sở Tư pháp đã hướng dẫn không yêu cầu bản sao giấy chứng nhận kết hôn.');
    }
    await deliverAll([anonymous, nameOnly]);
    const delivered = (await deliveriesOf(t.db, FEEDBACK_NOTIFICATIONS_CONSUMER)).filter((d) =>
      [anonymous, nameOnly].includes(d.stream),
    );
    expect(delivered.map((d) => d.kind)).toEqual(['receive', 'receive', 'answer', 'answer']);
    expect({ mails: mail.received.length, sms: sms.sent.length }).toEqual(before);
    expect(await noticesOf(t.db.kysely, anonymous)).toEqual([]);
    expect(await noticesOf(t.db.kysely, nameOnly)).toEqual([]);
  });

  it('texts a submitter who left only a phone, without diacritics; the answer’s SMS says where to read it, not the answer', async () => {
    clock.now = vn('2026-02-13T10:00:00');
    const { code } = await submit({ phone: '0987654321' });
    await classifyToStp(code);
    const answer = 'Sở Tư pháp đã hướng dẫn không yêu cầu bản sao giấy chứng nhận kết hôn.';
    await handleAndAnswer(code, answer);
    await deliverAll([code]);
    expect(sms.sent.filter((m) => m.to === '84987654321').map((m) => m.text)).toEqual([
      `Phan anh, kien nghi ${code} da duoc tiep nhan luc 10:00 13/02/2026, han phan loai 17:00 27/02/2026. Theo doi: ${followUrl(code)}`,
      `Phan anh, kien nghi ${code} da co tra loi. Xem tai ${followUrl(code)} voi ma bi mat duoc cap khi gui.`,
    ]);
    expect(await noticesOf(t.db.kysely, code)).toEqual([
      expect.objectContaining({ kind: 'feedback_received', channel: 'sms', recipient_masked: '098****321' }),
      expect.objectContaining({ kind: 'feedback_answered', channel: 'sms', status: 'sent' }),
    ]);
  });
});
