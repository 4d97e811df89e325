import type { ProcedureRecord } from './model.js';

/**
 * The kinds of agency that handle a procedure of these levels: a department for the province, a ward or a commune
 * for the commune level (two-tier local government since 01/7/2025, RULES.md §1).
 */
export function agencyKindsFor(levels: ProcedureRecord['levels']): string[] {
  return [
    ...(levels.includes('province') ? ['department'] : []),
    ...(levels.includes('commune') ? ['ward', 'commune'] : []),
  ];
}
