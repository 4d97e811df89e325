import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { RECEIVING_CENTRE } from '../workflow/model.js';
import { type Desk, FRONT_DESK_KINDS, type Visibility } from './policy.js';

/** The query shape the policy compiles against: a dossier `d` joined to its current step `st`. */
type DossierQuery = Database & {
  d: Database['dossiers'];
  st: Database['process_steps'];
};
type Eb = ExpressionBuilder<DossierQuery, 'd'>;
type EbWithStep = ExpressionBuilder<DossierQuery, 'd' | 'st'>;

/** `isVisible` (policy.ts) as SQL over `dossiers as d`: the same Visibility value decides both. */
export function visibleTo(visibility: Visibility) {
  return (eb: Eb): Expression<SqlBool> => {
    switch (visibility.kind) {
      case 'all':
        return sql<boolean>`true`;
      case 'owner':
        return eb('d.owner_id', '=', visibility.ownerId);
      case 'agency':
        return sql<boolean>`d.agencies_seen @> ARRAY[${visibility.agencyCode}]::text[]`;
      case 'none':
        return sql<boolean>`false`;
    }
  };
}

/**
 * An agency code the planner does not look at: `(SELECT $1)` is evaluated once before the scan, so a prepared
 * statement is estimated alike for every agency and PostgreSQL keeps its one generic plan. Compared with the
 * bare value, a busy agency's plan looked cheaper than the generic one, and the officer queue's statements were
 * planned again on every page. Their plan (the agency's index in (step due, id) order) is the best for any agency.
 */
export const agencyUnseen = (agencyCode: string) => sql<string>`(SELECT ${agencyCode}::text)`;

/** `worksStep` (policy.ts) as SQL over `dossiers as d` joined to `process_steps as st`. */
export function worksCurrentStep(desk: Desk) {
  return (eb: EbWithStep): Expression<SqlBool> => {
    // coalesce: a step without a unit is not a front-desk step (a bare NULL would make NOT(...) unknown).
    const frontDeskStep = eb.or([
      eb(eb.fn.coalesce('st.unit', sql.lit('')), '=', RECEIVING_CENTRE),
      eb('st.kind', 'in', [...FRONT_DESK_KINDS]),
    ]);
    switch (desk.kind) {
      case 'none':
        return sql<boolean>`false`;
      case 'front':
        return eb.and([frontDeskStep, eb('d.receiving_agency', '=', agencyUnseen(desk.agencyCode))]);
      case 'back': {
        const conditions = [
          eb.not(frontDeskStep),
          eb('d.handling_agency', '=', agencyUnseen(desk.agencyCode)),
          eb('st.role', 'in', [...desk.roles]),
        ];
        if (!desk.allUnits)
          conditions.push(eb.or([eb('st.unit', 'is', null), eb('st.unit', '=', desk.unitCode ?? '')]));
        if (!desk.head)
          conditions.push(
            eb.or([
              eb('st.kind', '!=', 'appraisal'),
              eb('d.assignee_id', 'is', null),
              eb('d.assignee_id', '=', desk.userId),
            ]),
          );
        return eb.and(conditions);
      }
    }
  };
}
