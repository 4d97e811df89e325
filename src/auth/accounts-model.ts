import { z } from 'zod';
import { OFFICER_ROLES, type Role } from './roles.js';

/** What account management needs to know of agencies (the catalogue owns them; the server wires it in). */
export interface AgencyDirectory {
  agency(code: string): Promise<{ kind: string; units: { id: number }[] } | null>;
}

/** How long a one-time link to set a password stays valid. */
export const RESET_LINK_HOURS = 24;

export const officerRoleSchema = z.enum(OFFICER_ROLES as [Role, ...Role[]]);

export const agencyCodeSchema = z.string().regex(/^[0-9A-Z.]{1,35}$/);

export const newOfficerSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{2,64}$/, 'Tên đăng nhập gồm 2–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang'),
  fullName: z.string().trim().min(2).max(120),
  role: officerRoleSchema,
  agencyCode: agencyCodeSchema,
  unitId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
});
export type NewOfficer = z.infer<typeof newOfficerSchema>;

export const officerChangeSchema = z.object({
  fullName: z.string().trim().min(2).max(120).optional(),
  role: officerRoleSchema.optional(),
  agencyCode: agencyCodeSchema.optional(),
  unitId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  active: z.boolean().optional(),
});
export type OfficerChange = z.infer<typeof officerChangeSchema>;

export const accountSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  role: z.string(),
  agencyCode: z.string().nullable(),
  unitId: z.number().nullable(),
  unitCode: z.string().nullable(),
  active: z.boolean(),
});

export function toAccount(row: {
  username: string;
  full_name: string;
  role: string;
  agency_code: string | null;
  unit_id: number | null;
  unit_code: string | null;
  active: boolean;
}) {
  return {
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    agencyCode: row.agency_code,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    active: row.active,
  };
}
