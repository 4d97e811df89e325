import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connection.js';
import { webhookHandler } from '../src/integrations/webhooks/deliver.js';
import { WEBHOOK_HANDLER } from '../src/integrations/webhooks/model.js';
import { verifyWebhookSignature } from '../src/integrations/webhooks/signature.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { applicant, Desk } from './dossier-fixtures.js';
import { testDatabaseUrl } from './file-database.js';
import { bearer, type TestApp, testApp } from './helpers.js';

interface Received {
  key: string;
  kind: string;
  code: string;
  seq: number;
}

/** A webhook receiver as a real client would write it: verifies the signature, applies each delivery once. */
class Receiver {
  down = false;
  /** Deliveries it answers 500 to, by "code#seq". */
  poison = new Set<string>();
  secrets = new Map<string, string>();
  raw = new Map<string, number>();
  applied: Received[] = [];
  badSignatures = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (this.down) {
          response.writeHead(503).end();
          return;
        }
        const secret = this.secrets.get(request.url ?? '') ?? '';
        const timestamp = Number(request.headers['x-motcua-timestamp']);
        if (!verifyWebhookSignature(secret, timestamp, body, String(request.headers['x-motcua-signature']))) {
          this.badSignatures++;
          response.writeHead(401).end();
          return;
        }
        const parsed = JSON.parse(body) as {
          id: string;
          kind: string;
          data: { code: string; event: { seq: number } };
        };
        const key = String(request.headers['idempotency-key']);
        const where = `${parsed.data.code}#${parsed.data.event.seq}`;
        if (this.poison.has(where)) {
          response.writeHead(500).end();
          return;
        }
        const seen = this.raw.get(key) ?? 0;
        this.raw.set(key, seen + 1);
        if (seen === 0)
          this.applied.push({ key, kind: parsed.kind, code: parsed.data.code, seq: parsed.data.event.seq });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the outbox');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const FAST = { backoff: { baseMs: 20, maxMs: 200 }, pollMs: 20, batchSize: 8 };

describe('outbox and webhooks', () => {
  let t: TestApp;
  let desk: Desk;
  const receiver = new Receiver();
  const processes: Db[] = [];

  async function subscribe(path: string, kinds?: string[]): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: bearer(await desk.token('admin')),
      payload: { url: `${receiver.url}${path}`, ...(kinds ? { kinds } : {}), description: 'Kiểm thử' },
    });
    expect(created.statusCode).toBe(201);
    receiver.secrets.set(path, created.json().secret);
    return created.json().consumer as string;
  }

  /** A server process of its own (its own pool), running an outbox worker. */
  async function workerProcess(maxAttempts: number): Promise<OutboxWorker> {
    const db = connect(await testDatabaseUrl(), 4);
    processes.push(db);
    return new OutboxWorker(
      db.kysely,
      { [WEBHOOK_HANDLER]: webhookHandler(db.kysely) },
      { ...FAST, maxAttempts },
    );
  }

  async function deliveries(consumer: string) {
    return t.db.kysely
      .selectFrom('outbox_deliveries')
      .select(['id', 'status', 'attempts'])
      .where('consumer', '=', consumer)
      .orderBy('id')
      .execute();
  }

  /** Counter intakes moved on a few steps: several events per dossier, each a message in its stream. */
  async function dossierActivity(count: number): Promise<string[]> {
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = await desk.intake('receiver', {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: applicant(),
      });
      const code = created.json().code as string;
      await desk.ok('receiver', code, { action: 'forward' });
      await desk.ok('processor.stp', code, { action: 'forward' });
      await desk.ok('agency_head.stp', code, { action: 'approve' });
      codes.push(code);
    }
    return codes;
  }

  beforeAll(async () => {
    t = await testApp();
    desk = new Desk(t.app);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    for (const db of processes) await db.close();
    await t.close();
  });

  it('delivers each event exactly once, in order per dossier, across an outage, a restart and two competing workers', async () => {
    const consumer = await subscribe('/hook');
    receiver.down = true;
    const codes = await dossierActivity(4);
    const expected = (await deliveries(consumer)).length;
    expect(expected).toBe(16);

    const first = await workerProcess(50);
    first.start();
    // Only the head of each dossier's stream is tried while the receiver is down: the rest wait their turn.
    await until(
      async () => (await deliveries(consumer)).filter((d) => d.attempts >= 2).length === codes.length,
    );
    await first.stop();
    expect((await deliveries(consumer)).filter((d) => d.status === 'delivered')).toHaveLength(0);

    const [second, third] = [await workerProcess(50), await workerProcess(50)];
    second.start();
    third.start();
    receiver.down = false;
    await until(async () => (await deliveries(consumer)).every((d) => d.status === 'delivered'));
    await Promise.all([second.stop(), third.stop()]);

    const mine = receiver.applied.filter((r) => codes.includes(r.code));
    expect(mine).toHaveLength(expected);
    expect([...receiver.raw.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.badSignatures).toBe(0);
    for (const code of codes) {
      const seqs = mine.filter((r) => r.code === code).map((r) => r.seq);
      expect(seqs, code).toEqual([1, 2, 3, 4]);
    }
    const log = await t.app.inject({
      url: `/api/outbox/deliveries?consumer=${encodeURIComponent(consumer)}&status=delivered&pageSize=50`,
      headers: bearer(await desk.token('admin')),
    });
    expect(log.json().total).toBe(expected);
  });

  it('parks a poison message as a dead letter, still delivers the next one, and replays it on request', async () => {
    const consumer = await subscribe('/poison', ['receive', 'forward']);
    const [code] = await dossierActivity(1);
    receiver.poison.add(`${code}#2`);
    const worker = await workerProcess(3);
    worker.start();
    await until(async () => (await deliveries(consumer)).every((d) => d.status !== 'pending'));
    await worker.stop();
    const states = (await deliveries(consumer)).map((d) => d.status);
    expect(states).toEqual(['delivered', 'dead', 'delivered']);
    const poisonKeys = new Set((await deliveries(consumer)).map((d) => `motcua-delivery-${d.id}`));
    expect(receiver.applied.filter((r) => poisonKeys.has(r.key)).map((r) => r.seq)).toEqual([1, 3]);

    const admin = bearer(await desk.token('admin'));
    const consumers = await t.app.inject({ url: '/api/outbox/consumers', headers: admin });
    const row = consumers.json().items.find((c: { name: string }) => c.name === consumer);
    expect(row).toMatchObject({ dead: 1, pending: 0 });
    const dead = await t.app.inject({
      url: `/api/outbox/deliveries?status=dead&consumer=${encodeURIComponent(consumer)}`,
      headers: admin,
    });
    const deadId = dead.json().items[0].id as number;
    const attempts = await t.app.inject({ url: `/api/outbox/deliveries/${deadId}/attempts`, headers: admin });
    expect(attempts.json().items.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500]);

    receiver.poison.clear();
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/outbox/deliveries/${deadId}/replay`,
      headers: admin,
    });
    expect(replay.statusCode).toBe(200);
    const again = await workerProcess(3);
    again.start();
    await until(async () => (await deliveries(consumer)).every((d) => d.status === 'delivered'));
    await again.stop();
    expect(receiver.raw.get(`motcua-delivery-${deadId}`)).toBe(1);
  });

  it('sends no personal data and stops sending when a webhook is stopped', async () => {
    const consumer = await subscribe('/stopped');
    const id = (await t.app.inject({ url: '/api/webhooks', headers: bearer(await desk.token('admin')) }))
      .json()
      .items.find((w: { consumer: string }) => w.consumer === consumer).id;
    const [code] = await dossierActivity(1);
    const message = await t.db.kysely
      .selectFrom('outbox_messages')
      .select('payload')
      .where('stream', '=', code ?? '')
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(message.payload);
    expect(text).not.toContain('Nguyễn Thị Hồng Nhung');
    expect(text).not.toContain('0901234567');
    const before = (await deliveries(consumer)).length;
    const stop = await t.app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${id}`,
      headers: bearer(await desk.token('admin')),
    });
    expect(stop.statusCode).toBe(204);
    await dossierActivity(1);
    expect((await deliveries(consumer)).length).toBe(before);
  });
});
