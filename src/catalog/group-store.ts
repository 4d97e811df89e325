import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ProcedureGroupInput } from './model.js';

/** Writes a group and its members in order (positions 1, 2, …), replacing what the group listed before. */
export async function writeGroup(
  db: Kysely<Database>,
  code: string,
  group: ProcedureGroupInput,
  by: number | null,
): Promise<void> {
  await db
    .insertInto('procedure_groups')
    .values({ code, name: group.name, description: group.description, updated_by: by })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        name: group.name,
        description: group.description,
        updated_by: by,
        updated_at: new Date(),
      }),
    )
    .execute();
  await db.deleteFrom('procedure_group_members').where('group_code', '=', code).execute();
  await db
    .insertInto('procedure_group_members')
    .values(
      group.members.map((member, index) => ({
        group_code: code,
        position: index + 1,
        procedure_code: member.procedureCode,
        note: member.note,
      })),
    )
    .execute();
}

export interface GroupMember {
  position: number;
  code: string;
  name: string;
  note: string | null;
}

async function membersOf(db: Kysely<Database>, codes: string[]): Promise<Map<string, GroupMember[]>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('procedure_group_members as m')
    .innerJoin('procedures as p', 'p.code', 'm.procedure_code')
    .select(['m.group_code', 'm.position', 'm.procedure_code', 'p.name', 'm.note'])
    .where('m.group_code', 'in', codes)
    .orderBy('m.group_code')
    .orderBy('m.position')
    .execute();
  const members = new Map<string, GroupMember[]>();
  for (const row of rows) {
    const list = members.get(row.group_code) ?? [];
    list.push({ position: row.position, code: row.procedure_code, name: row.name, note: row.note });
    members.set(row.group_code, list);
  }
  return members;
}

export async function listGroups(db: Kysely<Database>) {
  const groups = await db
    .selectFrom('procedure_groups')
    .select(['code', 'name', 'description'])
    .orderBy('name')
    .execute();
  const members = await membersOf(
    db,
    groups.map((g) => g.code),
  );
  return groups.map((group) => ({ ...group, members: members.get(group.code) ?? [] }));
}

export async function findGroup(db: Kysely<Database>, code: string) {
  const group = await db
    .selectFrom('procedure_groups')
    .select(['code', 'name', 'description', 'updated_at'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!group) return null;
  const members = await membersOf(db, [code]);
  return {
    code: group.code,
    name: group.name,
    description: group.description,
    updatedAt: group.updated_at.toISOString(),
    members: members.get(code) ?? [],
  };
}

/** The groups a procedure belongs to, with its place in each. */
export async function groupsOfProcedure(db: Kysely<Database>, procedureCode: string) {
  return db
    .selectFrom('procedure_group_members as m')
    .innerJoin('procedure_groups as g', 'g.code', 'm.group_code')
    .select(['g.code', 'g.name', 'm.position'])
    .select((eb) =>
      eb
        .selectFrom('procedure_group_members as all')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('all.group_code', '=', 'g.code')
        .as('size'),
    )
    .where('m.procedure_code', '=', procedureCode)
    .orderBy('g.name')
    .execute();
}
