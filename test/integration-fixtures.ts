import type { Db } from '../src/db/connection.js';
import { connect } from '../src/db/connection.js';
import { smtpEmailSender } from '../src/integrations/notifications/email.js';
import { SmsGatewaySimulator } from '../src/integrations/notifications/gateway-simulators.js';
import { httpSmsSender } from '../src/integrations/notifications/http-senders.js';
import { MailSimulator } from '../src/integrations/notifications/mail-simulator.js';
import type { DeliveryHandler } from '../src/outbox/model.js';
import { OutboxWorker, type WorkerOptions } from '../src/outbox/worker.js';
import { applicant, type Desk } from './dossier-fixtures.js';
import { testDatabaseUrl } from './file-database.js';

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the outbox');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function deliveriesOf(db: Db, consumer: string) {
  return db.kysely
    .selectFrom('outbox_deliveries as d')
    .innerJoin('outbox_messages as m', 'm.id', 'd.message_id')
    .select(['d.id', 'd.status', 'd.attempts', 'd.stream', 'm.kind'])
    .where('d.consumer', '=', consumer)
    .orderBy('d.id')
    .execute();
}

/** Server processes of their own (their own pools), each running an outbox worker; closed by `closeAll`. */
export class WorkerProcesses {
  private readonly pools: Db[] = [];

  async start(
    handlers: (db: Db) => Record<string, DeliveryHandler>,
    options: Partial<WorkerOptions>,
  ): Promise<OutboxWorker> {
    const db = connect(await testDatabaseUrl(), 4);
    this.pools.push(db);
    const worker = new OutboxWorker(db.kysely, handlers(db), { pollMs: 10, batchSize: 8, ...options });
    worker.start();
    return worker;
  }

  async closeAll(): Promise<void> {
    for (const db of this.pools.splice(0)) await db.close();
  }
}

/** A counter reception at the provincial centre for the Department of Justice, moved on `steps` hand-overs. */
export async function counterDossier(
  desk: Desk,
  steps: 0 | 1 | 2 | 3,
  overrides: Record<string, unknown> = {},
) {
  const created = await desk.intake('receiver', {
    procedureCode: '3.000333',
    channel: 'counter',
    applicant: applicant(overrides),
    documents: [{ name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', form: 'original', copies: 1 }],
  });
  if (created.statusCode !== 201) throw new Error(`intake failed: ${created.body}`);
  const code = created.json().code as string;
  if (steps >= 1) await desk.ok('receiver', code, { action: 'forward' });
  if (steps >= 2) await desk.ok('processor.stp', code, { action: 'forward' });
  if (steps >= 3) await desk.ok('agency_head.stp', code, { action: 'approve' });
  return code;
}

/** Takes a counter dossier from approval to the result returned at the counter. */
export async function finishDossier(desk: Desk, code: string): Promise<void> {
  await desk.ok('clerk.stp', code, { action: 'sign' });
  await desk.ok('clerk.stp', code, { action: 'issue_result', resultNumber: '123/PLLTP' });
  await desk.ok('receiver', code, { action: 'return_result', method: 'counter' });
}

/**
 * What notice tests run against: the local mail server and SMS gateway, worker processes, and the senders
 * opened to them (as the demo configures them), all closed by `stop`.
 */
export class NoticeBench {
  readonly mail = new MailSimulator();
  readonly sms = new SmsGatewaySimulator();
  readonly workers = new WorkerProcesses();
  private readonly opened: { close(): void }[] = [];

  async start(): Promise<void> {
    await this.mail.start();
    await this.sms.start();
  }

  senders() {
    const email = smtpEmailSender({
      ...this.mail.address,
      secure: false,
      ignoreTls: true,
      user: 'motcua',
      password: 'mail-demo',
      from: 'Trung tâm Phục vụ hành chính công <khong-tra-loi@cantho.example>',
      timeoutMs: 2_000,
    });
    this.opened.push(email);
    const sms = httpSmsSender({
      baseUrl: this.sms.url,
      apiKey: 'sms-demo-key',
      brandname: 'MOTCUA',
      asciiOnly: true,
      timeoutMs: 2_000,
    });
    return { email, sms };
  }

  mailsTo(address: string) {
    return this.mail.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await this.workers.closeAll();
    for (const sender of this.opened.splice(0)) sender.close();
    await this.mail.stop();
    await this.sms.stop();
  }
}
