import { randomUUID } from 'node:crypto';
import { connect } from '../../src/db/connection.js';
import { verifyDossiers } from '../../src/dossiers/verify.js';
import { call, login } from './stack.js';

interface Acknowledged {
  key: string;
  code: string;
  idNumber: string;
}

let serial = 0;

/**
 * Counter intakes (each with its idempotency key) followed by a forward, from several clients, as a front desk
 * would send them: a request that gets no answer or a 5xx is sent again with the same key until it is
 * answered. Only what the server acknowledged (201/200) is recorded as something that must survive.
 */
export class IntakeLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly forwarded: string[] = [];
  readonly statuses = new Map<number, number>();
  private running = false;
  private clients: Promise<void>[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly concurrency: number,
  ) {}

  start(): void {
    this.running = true;
    this.clients = Array.from({ length: this.concurrency }, (_, i) => this.client(i));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.clients);
  }

  /** Answers with status ≥ 500 other than 503 (database unavailable) and 507 (storage full) — there must be none. */
  get serverErrors(): number {
    return [...this.statuses]
      .filter(([status]) => status >= 500 && status !== 503 && status !== 507)
      .reduce((n, [, c]) => n + c, 0);
  }

  private count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  private async client(worker: number): Promise<void> {
    let token = await login(this.baseUrl, 'receiver');
    while (this.running) {
      serial++;
      const idNumber = `0921${String(worker).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
      const key = randomUUID();
      const body = {
        procedureCode: '3.000333',
        channel: 'counter',
        applicant: {
          kind: 'person',
          fullName: 'Trần Thị Bích Ngọc',
          idNumber,
          birthDate: '1988-03-15',
          address: { line: '45 Nguyễn Trãi', wardCode: '31135' },
          phone: '0912345678',
        },
      };
      let reply = await call(this.baseUrl, 'POST', '/api/dossiers', token, body, { 'idempotency-key': key });
      // Sent again with the same key until answered: a retry never makes a second dossier.
      while ((reply.status === 0 || reply.status >= 500) && this.retrying()) {
        this.count(reply.status);
        await new Promise((resolve) => setTimeout(resolve, 200));
        reply = await call(this.baseUrl, 'POST', '/api/dossiers', token, body, { 'idempotency-key': key });
      }
      this.count(reply.status);
      if (reply.status === 401) token = await login(this.baseUrl, 'receiver');
      if (reply.status !== 201 && reply.status !== 200) continue;
      const code = String(reply.body.code);
      this.acknowledged.push({ key, code, idNumber });
      const forward = await call(this.baseUrl, 'POST', `/api/dossiers/${code}/actions`, token, {
        action: 'forward',
        version: reply.body.version,
      });
      this.count(forward.status);
      if (forward.status === 200) this.forwarded.push(code);
    }
  }

  /** While stopping, a request already sent is still seen through to an answer (for a few seconds). */
  private stopDeadline = 0;
  private retrying(): boolean {
    if (this.running) return true;
    this.stopDeadline ||= Date.now() + 30_000;
    return Date.now() < this.stopDeadline;
  }
}

export interface Audit {
  acknowledged: number;
  found: number;
  missing: string[];
  duplicates: number;
  serialGaps: string[];
  logbookGaps: string[];
  forwardsLost: number;
  verifyDifferences: number;
  checked: number;
}

/** What an operator would check after a crash: every acknowledged write present once, numbers without gaps. */
export async function audit(databaseUrl: string, load: IntakeLoad): Promise<Audit> {
  const db = connect(databaseUrl, 2);
  try {
    const codes = load.acknowledged.map((a) => a.code);
    const found = await db.pool.query<{ code: string; n: number }>(
      'SELECT code, count(*)::int AS n FROM dossiers WHERE code = ANY($1) GROUP BY code',
      [codes],
    );
    const present = new Set(found.rows.map((r) => r.code));
    const duplicates = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT applicant_id_number FROM dossiers WHERE applicant_id_number = ANY($1)
       GROUP BY applicant_id_number HAVING count(*) > 1) d`,
      [load.acknowledged.map((a) => a.idNumber)],
    );
    // Serials per receiving agency and day run 1..n with no hole, and the sequence row says n.
    const serials = await db.pool.query<{ prefix: string; serials: number[]; last: number | null }>(
      `SELECT substring(d.code from '^(.*)-[0-9]+$') AS prefix,
              array_agg(substring(d.code from '-([0-9]+)$')::int) AS serials,
              max(s.last_value) AS last
       FROM dossiers d
       LEFT JOIN dossier_sequences s ON s.agency_code = d.receiving_agency
         AND to_char(s.day, 'YYMMDD') = substring(d.code from '-([0-9]{6})-[0-9]+$')
       GROUP BY 1`,
    );
    const serialGaps = serials.rows
      .filter((r) => {
        const sorted = [...r.serials].sort((a, b) => a - b);
        return sorted.some((value, i) => value !== i + 1) || r.last !== sorted.length;
      })
      .map((r) => r.prefix);
    const logbooks = await db.pool.query<{ key: string; numbers: number[] }>(
      `SELECT receiving_agency || '/' || extract(year FROM accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AS key,
              array_agg(logbook_number ORDER BY logbook_number) AS numbers
       FROM dossiers WHERE logbook_number IS NOT NULL GROUP BY 1`,
    );
    const logbookGaps = logbooks.rows
      .filter((r) => r.numbers.some((value, i) => value !== i + 1))
      .map((r) => r.key);
    const forwards = await db.pool.query<{ n: number }>(
      `SELECT count(DISTINCT d.code)::int AS n FROM dossiers d JOIN dossier_events e ON e.dossier_id = d.id
       WHERE d.code = ANY($1) AND e.action = 'forward'`,
      [load.forwarded],
    );
    const report = await verifyDossiers(db.kysely);
    return {
      acknowledged: codes.length,
      found: present.size,
      missing: codes.filter((code) => !present.has(code)),
      duplicates: duplicates.rows[0]?.n ?? 0,
      serialGaps,
      logbookGaps,
      forwardsLost: load.forwarded.length - (forwards.rows[0]?.n ?? 0),
      verifyDifferences: report.differences.length,
      checked: report.checked,
    };
  } finally {
    await db.close();
  }
}
