import { AppError } from '../shared/errors.js';
import type { AgencyDirectory } from './accounts-model.js';
import { canManageAccountsOf, PROVINCE_WIDE_KINDS } from './policy.js';
import type { Actor } from './roles.js';

/** Whether the administrator's own agency makes them province-wide. */
export async function isProvinceWide(agencies: AgencyDirectory, actor: Actor): Promise<boolean> {
  if (!actor.agencyCode) return false;
  const own = await agencies.agency(actor.agencyCode);
  return own !== null && PROVINCE_WIDE_KINDS.includes(own.kind);
}

/** Refuses (403) unless the administrator manages the accounts of every agency given. */
export async function requireAccountScope(
  agencies: AgencyDirectory,
  actor: Actor,
  agencyCodes: (string | null)[],
): Promise<void> {
  const provinceWide = await isProvinceWide(agencies, actor);
  for (const code of agencyCodes)
    if (code === null || !canManageAccountsOf(actor, provinceWide, code))
      throw new AppError('FORBIDDEN', 'Chỉ quản lý được tài khoản cán bộ thuộc phạm vi cơ quan mình.');
}

/** The agency exists and, when a unit is given, the unit is one of its own. */
export async function requireAgencyAndUnit(
  agencies: AgencyDirectory,
  agencyCode: string,
  unitId: number | null,
): Promise<void> {
  const agency = await agencies.agency(agencyCode);
  if (!agency) throw new AppError('AGENCY_NOT_FOUND', 'Không tìm thấy cơ quan.');
  if (unitId !== null && !agency.units.some((unit) => unit.id === unitId))
    throw new AppError('VALIDATION_FAILED', 'Phòng, đơn vị không thuộc cơ quan đã chọn.', [
      { field: 'unitId', message: 'Phòng, đơn vị không thuộc cơ quan đã chọn.' },
    ]);
}
