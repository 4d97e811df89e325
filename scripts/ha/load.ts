/**
 * Counter intakes from concurrent clients through the HTTP proxy. Each intake has its own Idempotency-Key
 * and a unique 12-digit ID number; a failed attempt is retried with the same key until it is acknowledged
 * (201) or the intake's deadline passes. Every attempt is recorded with its start and end time.
 */
import { randomUUID } from 'node:crypto';

export interface Attempt {
  client: number;
  key: string;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or 0 when no response came (connection refused or reset, time-out). */
  status: number;
  error?: string;
}

export interface Intake {
  key: string;
  idNumber: string;
  firstAttemptAt: number;
  attempts: number;
  /** The dossier code of the acknowledged (201) response. */
  code?: string;
  acknowledgedAt?: number;
  /** Why it was given up, when it never got a 201. */
  gaveUp?: string;
}

export interface LoadOptions {
  baseUrl: string;
  token: string;
  clients: number;
  /** How long one intake keeps retrying before it is given up. */
  intakeDeadlineMs: number;
  attemptTimeoutMs: number;
  retryDelayMs: number;
}

const PROCEDURE = '3.000333';

export function intakeBody(idNumber: string) {
  return {
    procedureCode: PROCEDURE,
    channel: 'counter',
    applicant: {
      kind: 'person',
      fullName: 'Nguyễn Văn An',
      idNumber,
      birthDate: '1990-05-12',
      address: { line: '12 Trần Hưng Đạo', wardCode: '31135' },
      phone: '0901234567',
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`login as ${username}: HTTP ${response.status}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

/** Runs intakes until `stop()` is called; then lets each client finish the intake in hand. */
export class IntakeLoad {
  readonly attempts: Attempt[] = [];
  readonly intakes: Intake[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private serial = 0;
  private readonly idBase: number;

  constructor(private readonly options: LoadOptions) {
    // 12-digit ID numbers unique to this run: a run prefix from the clock, then a counter.
    this.idBase = (Date.now() % 9_000) * 100_000_000 + 100_000_000_000;
  }

  start(): void {
    this.running = true;
    for (let client = 0; client < this.options.clients; client++) this.workers.push(this.client(client));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private nextIdNumber(): string {
    this.serial += 1;
    return String(this.idBase + this.serial).padStart(12, '0');
  }

  private async client(client: number): Promise<void> {
    while (this.running) {
      const intake: Intake = {
        key: `ha-${randomUUID()}`,
        idNumber: this.nextIdNumber(),
        firstAttemptAt: Date.now(),
        attempts: 0,
      };
      this.intakes.push(intake);
      await this.carry(client, intake);
    }
  }

  private async carry(client: number, intake: Intake): Promise<void> {
    const body = JSON.stringify(intakeBody(intake.idNumber));
    const deadline = intake.firstAttemptAt + this.options.intakeDeadlineMs;
    for (;;) {
      intake.attempts += 1;
      const attempt: Attempt = { client, key: intake.key, startedAt: Date.now(), endedAt: 0, status: 0 };
      try {
        const response = await fetch(`${this.options.baseUrl}/api/dossiers`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.options.token}`,
            'idempotency-key': intake.key,
          },
          body,
          signal: AbortSignal.timeout(this.options.attemptTimeoutMs),
        });
        attempt.status = response.status;
        const text = await response.text();
        attempt.endedAt = Date.now();
        if (response.status === 201) {
          const code = (JSON.parse(text) as { code?: string }).code;
          this.attempts.push(attempt);
          if (!code) {
            intake.gaveUp = `201 without a code: ${text.slice(0, 200)}`;
            return;
          }
          intake.code = code;
          intake.acknowledgedAt = attempt.endedAt;
          return;
        }
        attempt.error = text.slice(0, 300);
      } catch (error) {
        attempt.endedAt = Date.now();
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        attempt.error = cause?.code ?? cause?.message ?? (error as Error).name ?? String(error);
      }
      this.attempts.push(attempt);
      // A request the server refuses as invalid will not succeed by being repeated.
      if (
        attempt.status === 400 ||
        attempt.status === 401 ||
        attempt.status === 403 ||
        attempt.status === 422
      ) {
        intake.gaveUp = `HTTP ${attempt.status}: ${attempt.error ?? ''}`;
        return;
      }
      if (Date.now() + this.options.retryDelayMs > deadline) {
        intake.gaveUp = `deadline passed; last: ${attempt.status || attempt.error}`;
        return;
      }
      await sleep(this.options.retryDelayMs);
    }
  }
}

export interface Outage {
  /** End of the first failed attempt after the kill: when a client first saw the service fail. */
  firstFailureAt: number | null;
  /** End of the first acknowledged attempt that started after that failure. */
  firstSuccessAfterAt: number | null;
  /** firstSuccessAfterAt − firstFailureAt, in ms. */
  withoutServiceMs: number | null;
  /** The longest time between two consecutive acknowledgements (all clients together), in ms. */
  longestGapBetweenAcksMs: number;
  /** Failed attempts (any client, whole run). */
  failedAttempts: number;
  /** Failed attempts by what the client saw (HTTP status or error code). */
  failuresBy: Record<string, number>;
  /** The longest single attempt (e.g. one held while the database failed over), in ms. */
  slowestAttemptMs: number;
}

/** Time without service as seen by the clients, from every attempt of the run. */
export function measureOutage(attempts: Attempt[], killedAt: number): Outage {
  const failed = attempts.filter((a) => a.status !== 201);
  const firstFailure = failed
    .filter((a) => a.endedAt >= killedAt)
    .reduce<Attempt | null>((first, a) => (!first || a.endedAt < first.endedAt ? a : first), null);
  const firstSuccessAfter = firstFailure
    ? attempts
        .filter((a) => a.status === 201 && a.startedAt >= firstFailure.endedAt)
        .reduce<Attempt | null>((first, a) => (!first || a.endedAt < first.endedAt ? a : first), null)
    : null;
  const acks = attempts
    .filter((a) => a.status === 201)
    .map((a) => a.endedAt)
    .sort((a, b) => a - b);
  let longestGap = 0;
  for (let i = 1; i < acks.length; i++)
    longestGap = Math.max(longestGap, (acks[i] ?? 0) - (acks[i - 1] ?? 0));
  const failuresBy: Record<string, number> = {};
  for (const a of failed) {
    const label = a.status ? `HTTP ${a.status}` : (a.error ?? 'no response');
    failuresBy[label] = (failuresBy[label] ?? 0) + 1;
  }
  return {
    firstFailureAt: firstFailure?.endedAt ?? null,
    firstSuccessAfterAt: firstSuccessAfter?.endedAt ?? null,
    withoutServiceMs:
      firstFailure && firstSuccessAfter ? firstSuccessAfter.endedAt - firstFailure.endedAt : null,
    longestGapBetweenAcksMs: longestGap,
    failedAttempts: failed.length,
    failuresBy,
    slowestAttemptMs: attempts.reduce((max, a) => Math.max(max, a.endedAt - a.startedAt), 0),
  };
}
