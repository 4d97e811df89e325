import type { Actor } from '../auth/roles.js';
import { RECEIVING_CENTRE, type Step } from '../workflow/model.js';

export interface DossierAccess {
  receivingAgency: string;
  handlingAgency: string;
  agenciesSeen: string[];
  ownerId: number | null;
  assigneeId: number | null;
}

/**
 * Reading: a citizen reads only their own dossiers; an officer reads dossiers that are or were at their
 * agency (received, handled, consulted, transferred); a controller oversees all dossiers of the province.
 */
export function canRead(actor: Actor, dossier: DossierAccess): boolean {
  if (actor.role === 'citizen') return dossier.ownerId === actor.id;
  if (actor.role === 'controller') return true;
  return actor.agencyCode !== null && dossier.agenciesSeen.includes(actor.agencyCode);
}

const FRONT_DESK = ['receiver', 'postal'];
const HEADS = ['unit_head', 'agency_head'];

function performsStep(actor: Actor, dossier: DossierAccess, step: Step): boolean {
  if (step.unit === RECEIVING_CENTRE || step.kind === 'reception' || step.kind === 'return') {
    return actor.agencyCode === dossier.receivingAgency && FRONT_DESK.includes(actor.role);
  }
  if (actor.agencyCode !== dossier.handlingAgency) return false;
  const roleFits = actor.role === step.role || (step.role === 'unit_head' && actor.role === 'agency_head');
  if (!roleFits) return false;
  if (step.unit && actor.role !== 'agency_head' && actor.unitCode !== step.unit) return false;
  if (step.kind === 'appraisal' && dossier.assigneeId !== null && !HEADS.includes(actor.role)) {
    return dossier.assigneeId === actor.id;
  }
  return true;
}

/**
 * Acting: receivers act on intake and return steps of their centre; processors on steps of their unit
 * (the assignee, once assigned); heads on approval steps; the applicant withdraws and supplements their own
 * dossier; the head of the handling agency signs the apology; a consulted agency answers its consultation.
 */
export function canAct(
  actor: Actor,
  dossier: DossierAccess,
  action: string,
  step: Step | undefined,
  context: { consultedAgencyOpen: boolean },
): boolean {
  switch (action) {
    case 'withdraw':
    case 'submit_supplement':
      return actor.role === 'citizen'
        ? dossier.ownerId === actor.id
        : actor.agencyCode === dossier.receivingAgency && FRONT_DESK.includes(actor.role);
    case 'answer_consultation':
      return context.consultedAgencyOpen && ['processor', ...HEADS].includes(actor.role);
    case 'apologise':
      return actor.role === 'agency_head' && actor.agencyCode === dossier.handlingAgency;
    default:
      return step !== undefined && performsStep(actor, dossier, step);
  }
}
