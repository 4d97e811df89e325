import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { type Actor, PROVINCE_WIDE_KINDS, type Role } from './roles.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function findUserForLogin(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'full_name',
      'role',
      'agency_code',
      'unit_id',
      'password_hash',
      'active',
      'demo',
      'totp_enabled_at',
    ])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function insertLoginChallenge(
  db: Kysely<Database>,
  challenge: {
    token: string;
    userId: number;
    method: 'totp' | 'totp_enrolment';
    userAgent: string | null;
    now: Date;
    expiresAt: Date;
  },
) {
  await db
    .insertInto('login_challenges')
    .values({
      token_hash: hashToken(challenge.token),
      user_id: challenge.userId,
      method: challenge.method,
      user_agent: challenge.userAgent,
      created_at: challenge.now,
      expires_at: challenge.expiresAt,
    })
    .execute();
}

/** A login challenge that has not expired, with its account's second factor. */
export async function findLoginChallenge(db: Kysely<Database>, token: string, now: Date) {
  return db
    .selectFrom('login_challenges as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.token_hash',
      'c.user_id',
      'c.method',
      'c.pending_secret',
      'c.attempts',
      'c.user_agent',
      'u.username',
      'u.full_name',
      'u.role',
      'u.agency_code',
      'u.active',
      'u.totp_secret',
      'u.totp_last_step',
    ])
    .where('c.token_hash', '=', hashToken(token))
    .where('c.expires_at', '>', now)
    .executeTakeFirst();
}

export async function setPendingSecret(db: Kysely<Database>, tokenHash: string, secret: string) {
  await db
    .updateTable('login_challenges')
    .set({ pending_secret: secret })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Counts a wrong code; returns the attempts made so far. */
export async function countChallengeAttempt(db: Kysely<Database>, tokenHash: string): Promise<number> {
  const row = await db
    .updateTable('login_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? Number.POSITIVE_INFINITY;
}

export async function deleteLoginChallenge(db: Kysely<Database>, tokenHash: string) {
  await db.deleteFrom('login_challenges').where('token_hash', '=', tokenHash).execute();
}

/**
 * Remembers the step of the code just used (no replay); at enrolment, the secret becomes the account's.
 * Conditional on the step being newer, so two requests racing with one code cannot both pass.
 */
export async function useTotpStep(
  db: Kysely<Database>,
  userId: number,
  step: number,
  enrol: { secret: string; at: Date } | null,
): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({
      totp_last_step: String(step),
      ...(enrol ? { totp_secret: enrol.secret, totp_enabled_at: enrol.at } : {}),
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSession(
  db: Kysely<Database>,
  session: {
    token: string;
    userId: number;
    expiresAt: Date;
    now: Date;
    userAgent: string | null;
    idToken?: string;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(session.token),
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      user_agent: session.userAgent,
      ...(session.idToken ? { id_token: session.idToken } : {}),
    })
    .execute();
}

/** The identity provider's ID token of a session opened through it (null for a password login). */
export async function sessionIdToken(db: Kysely<Database>, token: string): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('id_token')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row?.id_token ?? null;
}

/** The citizen account the identity provider's subject, or else the verified identity number, belongs to. */
export async function findIdentityUser(db: Kysely<Database>, subject: string, idNumber: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'role', 'agency_code', 'active', 'identity_subject'])
    .where((eb) => eb.or([eb('identity_subject', '=', subject), eb('id_number', '=', idNumber)]))
    .orderBy(sql`identity_subject = ${subject}`, 'desc')
    .executeTakeFirst();
}

export interface IdentityUser {
  subject: string;
  idNumber: string;
  fullName: string;
  birthDate: string | null;
  organisation: { taxCode: string; name: string } | null;
}

/** A citizen account made at its first login through the identity provider: it has no password. */
export async function insertIdentityUser(
  db: Kysely<Database>,
  username: string,
  user: IdentityUser,
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username,
      full_name: user.fullName,
      role: 'citizen',
      agency_code: null,
      unit_id: null,
      password_hash: null,
      identity_subject: user.subject,
      id_number: user.idNumber,
      birth_date: user.birthDate,
      organisation_tax_code: user.organisation?.taxCode ?? null,
      organisation_name: user.organisation?.name ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What the identity provider says now wins over what the account held (a name changed at the registry). */
export async function refreshIdentityUser(db: Kysely<Database>, userId: number, user: IdentityUser) {
  await db
    .updateTable('users')
    .set({
      identity_subject: user.subject,
      id_number: user.idNumber,
      full_name: user.fullName,
      birth_date: user.birthDate,
      organisation_tax_code: user.organisation?.taxCode ?? null,
      organisation_name: user.organisation?.name ?? null,
    })
    .where('id', '=', userId)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, token: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user; the hashes of the ended sessions are returned. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: number): Promise<string[]> {
  const rows = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .returning('token_hash')
    .execute();
  return rows.map((row) => row.token_hash);
}

/** Sessions past their end or idle for longer than allowed; the number deleted. */
export async function purgeEndedSessions(
  db: Kysely<Database>,
  now: Date,
  idleMinutes: number,
): Promise<number> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The signed-in user of a live session (neither past its end nor idle too long), and when it will end if
 * unused. Finding it counts as use: the idle clock restarts.
 */
export async function sessionForToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
  idleMinutes: number,
): Promise<{ actor: Actor; expiresAt: number } | null> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  const { rows } = await sql<{
    id: number;
    username: string;
    full_name: string;
    role: string;
    agency_code: string | null;
    unit_id: number | null;
    unit_code: string | null;
    agency_kind: string | null;
    expires_at: Date;
  }>`
    WITH used AS (
      UPDATE sessions SET last_seen_at = ${now}
      WHERE token_hash = ${hashToken(token)} AND expires_at > ${now} AND last_seen_at > ${idleSince}
      RETURNING user_id, expires_at
    )
    SELECT users.id, users.username, users.full_name, users.role, users.agency_code, users.unit_id,
           units.code AS unit_code, agencies.kind AS agency_kind, used.expires_at
    FROM used
    JOIN users ON users.id = used.user_id
    LEFT JOIN units ON units.id = users.unit_id
    LEFT JOIN agencies ON agencies.code = users.agency_code
    WHERE users.active`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    actor: {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      role: row.role as Role,
      agencyCode: row.agency_code,
      unitId: row.unit_id,
      unitCode: row.unit_code,
      provinceWide: (PROVINCE_WIDE_KINDS as readonly string[]).includes(row.agency_kind ?? ''),
    },
    expiresAt: Math.min(new Date(row.expires_at).getTime(), now.getTime() + idleMinutes * 60_000),
  };
}

/** When a login name may be tried again (null or in the past: now). */
export async function lockOf(db: Kysely<Database>, username: string): Promise<Date | null> {
  const row = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** How long a run of failures is remembered: a failure a day after the last one starts a new count. */
const FAILURE_MEMORY = '1 day';

/** Counts one more failed login for a name; returns the consecutive failures so far. */
export async function countFailure(db: Kysely<Database>, username: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ username, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failures: sql`CASE WHEN login_throttle.last_failure_at < ${now}::timestamptz - ${FAILURE_MEMORY}::interval
                           THEN 1 ELSE login_throttle.failures + 1 END`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function lockName(db: Kysely<Database>, username: string, until: Date): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ locked_until: until })
    .where('username', '=', username)
    .execute();
}

export async function forgetFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** Failure counts that are neither locking nor recent enough to count any more. */
export async function purgeStaleFailures(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', sql<Date>`${now}::timestamptz - ${FAILURE_MEMORY}::interval`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}

export interface NewUser {
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string | null;
  unitId: number | null;
  passwordHash: string;
  demo: boolean;
}

export async function upsertUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  await db
    .insertInto('users')
    .values({
      username: user.username,
      full_name: user.fullName,
      role: user.role,
      agency_code: user.agencyCode,
      unit_id: user.unitId,
      password_hash: user.passwordHash,
      demo: user.demo,
    })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        full_name: user.fullName,
        role: user.role,
        agency_code: user.agencyCode,
        unit_id: user.unitId,
        password_hash: user.passwordHash,
      }),
    )
    .execute();
}

export async function listDemoUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .select(['username', 'role', 'agency_code'])
    .where('demo', '=', true)
    .orderBy('agency_code')
    .orderBy('id')
    .execute();
}

/** Active officers of an agency, optionally of one role (who a head may assign a dossier to). */
export async function listOfficers(db: Kysely<Database>, agencyCode: string, role?: string) {
  let query = db
    .selectFrom('users')
    .select(['username', 'full_name', 'role'])
    .where('agency_code', '=', agencyCode)
    .where('active', '=', true)
    .where('role', '!=', 'citizen');
  if (role) query = query.where('role', '=', role as never);
  return query.orderBy('full_name').execute();
}

/** User names by id (for "who did it" columns of other modules); unknown ids are left out. */
export async function usernames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.username]));
}

/** Full names by id (forms print who handled each step). */
export async function fullNames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.full_name]));
}

/** An active officer of an agency with one of the given roles (e.g. who a head may assign a dossier to). */
export async function findActiveOfficer(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'agency_code'])
    .where('username', '=', username)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** The password hash and names of an account (to check a password change against). */
export async function findAccountSecret(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setPasswordHash(db: Kysely<Database>, userId: number, passwordHash: string) {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

const accountColumns = [
  'users.id',
  'users.username',
  'users.full_name',
  'users.role',
  'users.agency_code',
  'users.unit_id',
  'units.code as unit_code',
  'users.active',
] as const;

/** Officer accounts, of one agency or of all (null), by agency then name. */
export async function listAccounts(db: Kysely<Database>, agencyCode: string | null) {
  let query = db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(accountColumns)
    .where('users.role', '!=', 'citizen');
  if (agencyCode) query = query.where('users.agency_code', '=', agencyCode);
  return query.orderBy('users.agency_code').orderBy('users.username').limit(2_000).execute();
}

export async function findAccount(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(accountColumns)
    .where('users.username', '=', username)
    .executeTakeFirst();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export async function insertOfficer(
  db: Kysely<Database>,
  officer: Omit<NewUser, 'demo'>,
): Promise<{ id: number } | undefined> {
  return db
    .insertInto('users')
    .values({
      username: officer.username,
      full_name: officer.fullName,
      role: officer.role,
      agency_code: officer.agencyCode,
      unit_id: officer.unitId,
      password_hash: officer.passwordHash,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function updateOfficer(
  db: Kysely<Database>,
  userId: number,
  change: { role: Role; agencyCode: string; unitId: number | null; active: boolean; fullName: string },
) {
  await db
    .updateTable('users')
    .set({
      role: change.role,
      agency_code: change.agencyCode,
      unit_id: change.unitId,
      active: change.active,
      full_name: change.fullName,
    })
    .where('id', '=', userId)
    .execute();
}

export async function insertPasswordReset(
  db: Kysely<Database>,
  reset: { token: string; userId: number; createdBy: number | null; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(reset.token),
      user_id: reset.userId,
      created_by: reset.createdBy,
      created_at: reset.now,
      expires_at: reset.expiresAt,
    })
    .execute();
}

/**
 * Marks an unused, unexpired reset link as used and returns its account, or nothing: one statement, so two
 * uses racing each other cannot both succeed.
 */
export async function useReset(db: Kysely<Database>, token: string, now: Date) {
  const used = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  if (!used) return undefined;
  return findAccountSecret(db, used.user_id);
}

/** A user's live sessions, most recently used first. */
export async function sessionsOfUser(db: Kysely<Database>, userId: number, now: Date, idleMinutes: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - idleMinutes * 60_000))
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Ends one session of a user; its token hash, or nothing when the user has no session with that id. */
export async function deleteSessionOfUser(db: Kysely<Database>, userId: number, sessionId: string) {
  const row = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .returning('token_hash')
    .executeTakeFirst();
  return row?.token_hash;
}

export interface VerifiedIdentity {
  idNumber: string;
  fullName: string;
  birthDate: string | null;
  /** The organisation the person represents at law. */
  organisation: { taxCode: string; name: string } | null;
}

/** What the identity provider verified of a citizen's account (null for an account made otherwise). */
export async function verifiedIdentity(
  db: Kysely<Database>,
  userId: number,
): Promise<VerifiedIdentity | null> {
  const row = await db
    .selectFrom('users')
    .select(['id_number', 'full_name', 'birth_date', 'organisation_tax_code', 'organisation_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.id_number) return null;
  return {
    idNumber: row.id_number,
    fullName: row.full_name,
    birthDate: row.birth_date,
    organisation:
      row.organisation_tax_code && row.organisation_name
        ? { taxCode: row.organisation_tax_code, name: row.organisation_name }
        : null,
  };
}

/** Login challenges whose time is up (a password given, the code never). */
export async function purgeExpiredChallenges(db: Kysely<Database>, now: Date) {
  await db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
}
