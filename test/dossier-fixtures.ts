import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import type { Role } from '../src/auth/roles.js';
import { upsertUser } from '../src/auth/store.js';
import type { Db } from '../src/db/connection.js';
import { bearer, type TestApp, type TestClock, testApp, tokenFor } from './helpers.js';
import { uploaded } from './upload-fixtures.js';

export const CENTRE = '000.00.01.H13';
export const STP = '000.00.05.H13';
export const SYT = '000.00.11.H13';
export const SXD = '000.00.07.H13';
export const NINH_KIEU = '000.31135.H13';
export const CAI_KHE = '000.31120.H13';

let counter = 0;

export function applicant(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    kind: 'person',
    fullName: 'Nguyễn Thị Hồng Nhung',
    idNumber: `0921900${String(10_000 + counter).slice(-5)}`,
    birthDate: '1990-05-12',
    address: { line: '12 Trần Hưng Đạo', wardCode: '31135' },
    phone: '0901234567',
    email: 'nhung@example.vn',
    ...overrides,
  };
}

/** Officers of agencies that have no demo accounts (created for the tests only). */
export async function createOfficer(
  db: Db,
  username: string,
  role: Role,
  agencyCode: string,
  unitCode?: string,
) {
  let unitId: number | null = null;
  if (unitCode) {
    const unit = await db.kysely
      .selectFrom('units')
      .select('id')
      .where('agency_code', '=', agencyCode)
      .where('code', '=', unitCode)
      .executeTakeFirstOrThrow();
    unitId = unit.id;
  }
  await upsertUser(db.kysely, {
    username,
    fullName: `${role} ${agencyCode}`,
    role,
    agencyCode,
    unitId,
    passwordHash: await hashPassword('demo'),
    demo: false,
  });
}

export class Desk {
  private tokens = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = await tokenFor(this.app, username);
      this.tokens.set(username, token);
    }
    return token;
  }

  async intake(username: string, body: Record<string, unknown>, key?: string) {
    return this.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { ...bearer(await this.token(username)), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });
  }

  /** A birth registration received at the ward's counter; returns its code. */
  async receiveBirth(applicantOverrides: Record<string, unknown> = {}): Promise<string> {
    const received = await this.intake('receiver.ninhkieu', {
      procedureCode: '1.001193',
      channel: 'counter',
      applicant: applicant(applicantOverrides),
      formData: birthForm,
    });
    expect(received.statusCode, received.body).toBe(201);
    return received.json().code as string;
  }

  /**
   * A ward dossier accepted at reception taken to an issued, signed electronic result ("Giấy khai sinh");
   * returns the dossier as the last action left it.
   */
  async toSignedResult(code: string, result: { fileName: string; bytes: Buffer }) {
    await this.ok('receiver.ninhkieu', code, { action: 'forward' });
    await this.ok('processor.ninhkieu', code, { action: 'forward' });
    await this.ok('agency_head.ninhkieu', code, { action: 'approve' });
    const clerk = await this.token('clerk.ninhkieu');
    const file = await uploaded(this.app, clerk, result.fileName, result.bytes);
    await this.ok('clerk.ninhkieu', code, {
      action: 'attach_result',
      uploads: [file],
      kind: 'electronic',
      title: 'Giấy khai sinh',
    });
    await this.ok('clerk.ninhkieu', code, { action: 'sign' });
    return this.ok('clerk.ninhkieu', code, { action: 'issue_result' });
  }

  async get(username: string, code: string) {
    return this.app.inject({
      method: 'GET',
      url: `/api/dossiers/${code}`,
      headers: bearer(await this.token(username)),
    });
  }

  /** Performs an action with the dossier's current version (read by a controller, who may read everything). */
  async act(username: string, code: string, body: Record<string, unknown>) {
    const current = await this.get('controller', code);
    const version = current.json().version as number;
    return this.app.inject({
      method: 'POST',
      url: `/api/dossiers/${code}/actions`,
      headers: bearer(await this.token(username)),
      payload: { version, ...body },
    });
  }

  /** Like act, and asserts success; returns the dossier after the action. */
  async ok(username: string, code: string, body: Record<string, unknown>) {
    const response = await this.act(username, code, body);
    expect(response.statusCode, `${username} ${String(body.action)}: ${response.body}`).toBe(200);
    return response.json();
  }
}

/** A filled-in birth registration e-form (procedure 1.001193). */
export const birthForm = {
  childFullName: 'Trần Gia Bảo',
  childBirthDate: '2026-11-20',
  childSex: 'Nam',
  birthPlace: 'Bệnh viện Phụ sản thành phố Cần Thơ',
  motherFullName: 'Nguyễn Thị Hồng Nhung',
  relationship: 'Mẹ',
};

/**
 * Birth registration's declaration (the document that carries the e-form) and birth certificate, named as the
 * catalogue publishes them: the demo loads the national record, whose names win over the demo's own.
 */
export async function birthDocuments(
  app: FastifyInstance,
): Promise<{ form: string; birthCertificate: string }> {
  const response = await app.inject({ url: '/api/procedures/1.001193' });
  expect(response.statusCode, response.body).toBe(200);
  const documents = response.json().documents as { name: string; formSchema: unknown }[];
  const form = documents.find((d) => d.formSchema !== null)?.name;
  const birthCertificate = documents.find((d) => d.name.startsWith('Giấy chứng sinh'))?.name;
  if (!form?.startsWith('Tờ khai đăng ký khai sinh') || !birthCertificate)
    throw new Error(`birth registration lists no declaration or birth certificate: ${response.body}`);
  return { form, birthCertificate };
}

/** A time in Vietnam as the tests write it ("2026-11-23T09:00:00"), in epoch ms. */
export const vnAt = (text: string) => Date.parse(`${text}+07:00`);

/** A server whose clock the test moves, and its desk; `t` and `desk` are set once the describe block starts. */
export interface ClockedDesk {
  clock: TestClock;
  t: TestApp;
  desk: Desk;
}

/**
 * Opens a server on a clock starting at `start` (Vietnam time) before the describe block it is called in, runs
 * `prepare` on it (officers the block needs), and closes it after.
 */
export function clockedDesk(start: string, prepare?: (t: TestApp) => Promise<void>): ClockedDesk {
  const opened = { clock: { now: vnAt(start) } } as ClockedDesk;
  beforeAll(async () => {
    opened.t = await testApp({ clock: opened.clock });
    opened.desk = new Desk(opened.t.app);
    await prepare?.(opened.t);
  });
  afterAll(() => opened.t.close());
  return opened;
}
