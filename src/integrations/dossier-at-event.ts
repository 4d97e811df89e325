import type { Kysely } from 'kysely';
import { fullNames } from '../auth/store.js';
import { agencyBriefs, findAgency } from '../catalog/agency-store.js';
import type { Fee } from '../catalog/model.js';
import { fieldCode, procedureVersion } from '../catalog/procedure-store.js';
import type { Database } from '../db/schema.js';
import type { DossierEvent } from '../dossiers/events.js';
import { type Applicant, applicantSchema } from '../dossiers/model.js';
import { type DossierState, foldEvents } from '../dossiers/state.js';
import { findDossierRow, loadEvents } from '../dossiers/store.js';
import type { Step } from '../workflow/model.js';
import { findProcess } from '../workflow/store.js';

/** A dossier as it stood right after one of its events, with the names messages about it need. */
export interface DossierAtEvent {
  code: string;
  procedure: { code: string; name: string; fieldCode: string; field: string; fees: Fee[] };
  resultType: string | null;
  applicant: Applicant;
  /** The dossier's events up to and including the one being sent: the message describes the dossier then. */
  events: DossierEvent[];
  /** The dossier folded from those events. */
  state: DossierState;
  agencyNames: ReadonlyMap<string, string>;
  /** Full names of the officers who acted, by user id. */
  people: ReadonlyMap<number, string>;
  /** The steps of every process version the dossier followed, by process id. */
  processes: ReadonlyMap<number, readonly Step[]>;
  /** Unit names by "agency/unit code". */
  unitNames: ReadonlyMap<string, string>;
}

export type DossierRead = { ok: true; dossier: DossierAtEvent } | { ok: false; error: string };

/**
 * Reads a dossier as it stood right after its event number `seq`, through the modules that own each part
 * (dossiers, catalogue, workflow, accounts): a message describes that moment however late its delivery
 * runs.
 */
export async function readDossierAtEvent(
  db: Kysely<Database>,
  code: string,
  seq: number,
): Promise<DossierRead> {
  const row = await findDossierRow(db, code);
  if (!row) return { ok: false, error: `dossier ${code} not found` };
  const events = (await loadEvents(db, row.id)).filter((event) => event.seq <= seq);
  if (events.at(-1)?.seq !== seq) return { ok: false, error: `dossier ${code} has no event ${seq}` };
  const applicant = applicantSchema.safeParse(row.applicant);
  if (!applicant.success) return { ok: false, error: `dossier ${code}: applicant does not fit the schema` };
  const state = foldEvents(events);
  const version = await procedureVersion(db, state.procedureVersionId);

  const processIds = new Set<number>();
  const agencies = new Set<string>([state.handlingAgency]);
  const people: (number | null)[] = [];
  for (const event of events) {
    if (event.action === 'submit' || event.action === 'receive' || event.action === 'transfer')
      processIds.add(event.payload.processId);
    agencies.add(event.agencyCode);
    if (event.actorAgency) agencies.add(event.actorAgency);
    people.push(event.actorId);
  }
  const processes = new Map<number, readonly Step[]>();
  for (const id of processIds) {
    const process = await findProcess(db, id);
    if (process) processes.set(id, process.steps);
  }
  const unitNames = new Map<string, string>();
  const last = events.at(-1);
  const actingAgency = last?.actorAgency ?? last?.agencyCode;
  if (actingAgency)
    for (const unit of (await findAgency(db, actingAgency))?.units ?? [])
      unitNames.set(`${actingAgency}/${unit.code}`, unit.name);

  return {
    ok: true,
    dossier: {
      code,
      procedure: {
        code: version.procedureCode,
        name: version.content.name,
        field: version.content.field,
        fieldCode: fieldCode(version.content.field),
        fees: version.content.fees,
      },
      resultType: version.content.resultType,
      applicant: applicant.data,
      events,
      state,
      agencyNames: new Map((await agencyBriefs(db, [...agencies])).map((a) => [a.code, a.name])),
      people: await fullNames(db, people),
      processes,
      unitNames,
    },
  };
}
