import type { Db } from '../src/db/connection.js';
import { connect } from '../src/db/connection.js';
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
