import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type Actor, PROVINCE_WIDE_KINDS, type Role } from './roles.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function findUserForLogin(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'role', 'agency_code', 'unit_id', 'password_hash', 'active'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function insertSession(db: Kysely<Database>, token: string, userId: number, expiresAt: Date) {
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
}

export async function deleteSession(db: Kysely<Database>, token: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** The signed-in user of a live session, and when the session ends. */
export async function sessionForToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ actor: Actor; expiresAt: number } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .leftJoin('agencies', 'agencies.code', 'users.agency_code')
    .select([
      'agencies.kind as agency_kind',
      'users.id',
      'users.username',
      'users.full_name',
      'users.role',
      'users.agency_code',
      'users.unit_id',
      'units.code as unit_code',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
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
    expiresAt: row.expires_at.getTime(),
  };
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
