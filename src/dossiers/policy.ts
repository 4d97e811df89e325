import type { Actor, Role } from '../auth/roles.js';
import { RECEIVING_CENTRE, type Step, type StepKind } from '../workflow/model.js';
import type { ActionName } from './model.js';

/** What the policy needs to know of a dossier. */
export interface DossierAccess {
  receivingAgency: string;
  handlingAgency: string;
  agenciesSeen: string[];
  ownerId: number | null;
  assigneeId: number | null;
}

/**
 * Which dossiers an actor may read, as data. The same value decides `canRead` here and is compiled to the
 * SQL filter of every list query (`visibility-sql.ts`), so the two cannot drift apart.
 * A citizen reads only their own dossiers; an officer the dossiers that are or were at their agency
 * (received, handled, consulted, transferred); the province's controllers oversee the province, a
 * department's or a commune's controller only their own agency's dossiers (issue 15: least privilege by level).
 */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'owner'; ownerId: number }
  | { kind: 'agency'; agencyCode: string }
  | { kind: 'none' };

export function visibilityOf(actor: Actor): Visibility {
  if (actor.role === 'citizen') return { kind: 'owner', ownerId: actor.id };
  if (actor.role === 'controller' && actor.provinceWide) return { kind: 'all' };
  return actor.agencyCode ? { kind: 'agency', agencyCode: actor.agencyCode } : { kind: 'none' };
}

export function isVisible(visibility: Visibility, dossier: DossierAccess): boolean {
  switch (visibility.kind) {
    case 'all':
      return true;
    case 'owner':
      return dossier.ownerId === visibility.ownerId;
    case 'agency':
      return dossier.agenciesSeen.includes(visibility.agencyCode);
    case 'none':
      return false;
  }
}

export function canRead(actor: Actor, dossier: DossierAccess): boolean {
  return isVisible(visibilityOf(actor), dossier);
}

/** Steps worked at the front desk of the receiving centre, whatever agency handles the dossier. */
export const FRONT_DESK_KINDS: readonly StepKind[] = ['reception', 'return'];
export const FRONT_DESK_ROLES: readonly Role[] = ['receiver', 'postal'];
const HEADS: readonly Role[] = ['unit_head', 'agency_head'];

export function isFrontDeskStep(step: Pick<Step, 'kind' | 'unit'>): boolean {
  return step.unit === RECEIVING_CENTRE || FRONT_DESK_KINDS.includes(step.kind);
}

/**
 * Which steps an officer works, as data: compiled to the queue's SQL (`visibility-sql.ts`) and read by
 * `worksStep` below. Front desk: reception and return steps of dossiers received at their centre.
 * Back office: steps of dossiers handled by their agency whose role is theirs (an agency head also takes a
 * unit head's steps), in their unit unless they head the agency; once a handler is assigned, only the
 * assignee (or a head) appraises.
 */
export type Desk =
  | { kind: 'front'; agencyCode: string }
  | {
      kind: 'back';
      agencyCode: string;
      userId: number;
      roles: readonly Role[];
      unitCode: string | null;
      /** The agency head works steps of every unit. */
      allUnits: boolean;
      head: boolean;
    }
  | { kind: 'none' };

export function deskOf(actor: Actor): Desk {
  if (!actor.agencyCode) return { kind: 'none' };
  if (FRONT_DESK_ROLES.includes(actor.role)) return { kind: 'front', agencyCode: actor.agencyCode };
  if (actor.role === 'citizen' || actor.role === 'controller' || actor.role === 'admin')
    return { kind: 'none' };
  return {
    kind: 'back',
    agencyCode: actor.agencyCode,
    userId: actor.id,
    roles: actor.role === 'agency_head' ? ['agency_head', 'unit_head'] : [actor.role],
    unitCode: actor.unitCode,
    allUnits: actor.role === 'agency_head',
    head: HEADS.includes(actor.role),
  };
}

export function worksStep(
  desk: Desk,
  dossier: DossierAccess,
  step: Pick<Step, 'kind' | 'unit' | 'role'>,
): boolean {
  switch (desk.kind) {
    case 'none':
      return false;
    case 'front':
      return isFrontDeskStep(step) && dossier.receivingAgency === desk.agencyCode;
    case 'back':
      if (isFrontDeskStep(step) || dossier.handlingAgency !== desk.agencyCode) return false;
      if (!desk.roles.includes(step.role)) return false;
      if (step.unit !== null && !desk.allUnits && step.unit !== desk.unitCode) return false;
      if (step.kind === 'appraisal' && dossier.assigneeId !== null && !desk.head)
        return dossier.assigneeId === desk.userId;
      return true;
  }
}

/** Roles that may ever take an action on a dossier (the route's role check; `canAct` decides per dossier). */
export const ACTING_ROLES: readonly Role[] = [
  'citizen',
  'receiver',
  'postal',
  'processor',
  'unit_head',
  'agency_head',
  'clerk',
];

/** Roles that may receive a dossier: the applicant online, the front desk at the counter or by post. */
export const INTAKE_ROLES: readonly Role[] = ['citizen', 'receiver', 'postal'];

/** Channel rules (Decree 118/2025; plan 56/KH-UBND 9.4): who may file on which channel. */
export function canReceiveOn(actor: Actor, channel: 'online' | 'counter' | 'postal'): boolean {
  switch (channel) {
    case 'online':
      return actor.role === 'citizen';
    case 'counter':
      return actor.role === 'receiver';
    case 'postal':
      return actor.role === 'postal' || actor.role === 'receiver';
  }
}

/**
 * Acting: officers act on the steps they work (see Desk); the applicant withdraws and supplements their own
 * dossier, as does the front desk of the receiving centre on their behalf; the head of the handling agency
 * signs the apology; a consulted agency answers its consultation.
 */
export function canAct(
  actor: Actor,
  dossier: DossierAccess,
  action: ActionName,
  step: Step | undefined,
  context: { consultedAgencyOpen: boolean },
): boolean {
  switch (action) {
    case 'withdraw':
    case 'submit_supplement':
      return actor.role === 'citizen'
        ? dossier.ownerId === actor.id
        : actor.agencyCode === dossier.receivingAgency && FRONT_DESK_ROLES.includes(actor.role);
    case 'stop_processing':
      // The head of the handling agency, or whoever may confirm a payment, stops a dossier being withdrawn.
      return (
        (actor.role === 'agency_head' && actor.agencyCode === dossier.handlingAgency) ||
        deskOrStepOfficer(actor, dossier, step)
      );
    case 'confirm_payment':
      // The receipt is brought to the front desk, or the officer of the step sees the payment.
      return deskOrStepOfficer(actor, dossier, step);
    case 'answer_consultation':
      return context.consultedAgencyOpen && ['processor', ...HEADS].includes(actor.role);
    case 'apologise':
      return actor.role === 'agency_head' && actor.agencyCode === dossier.handlingAgency;
    default:
      return step !== undefined && worksStep(deskOf(actor), dossier, step);
  }
}

/** The receiving agency's front desk, or the officer who works the dossier's current step. */
function deskOrStepOfficer(actor: Actor, dossier: DossierAccess, step: Step | undefined): boolean {
  return (
    (actor.agencyCode === dossier.receivingAgency && FRONT_DESK_ROLES.includes(actor.role)) ||
    (step !== undefined && worksStep(deskOf(actor), dossier, step))
  );
}

/** The yearly logbook of a receiving agency: its own officers and the province's controllers. */
export function canReadLogbook(actor: Actor, agencyCode: string): boolean {
  if (actor.role === 'controller' && actor.provinceWide) return true;
  return actor.role !== 'citizen' && actor.agencyCode === agencyCode;
}
