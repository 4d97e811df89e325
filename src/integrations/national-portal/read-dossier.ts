import type { Kysely } from 'kysely';
import { fullNames } from '../../auth/store.js';
import { agencyBriefs, findAgency } from '../../catalog/agency-store.js';
import { fieldCode, procedureVersion } from '../../catalog/procedure-store.js';
import type { Database } from '../../db/schema.js';
import { applicantSchema } from '../../dossiers/model.js';
import { foldEvents } from '../../dossiers/state.js';
import { findDossierRow, loadEvents } from '../../dossiers/store.js';
import type { Step } from '../../workflow/model.js';
import { findProcess } from '../../workflow/store.js';
import type { DossierAtEvent } from './map-dossier.js';

export type DossierRead = { ok: true; dossier: DossierAtEvent } | { ok: false; error: string };

/**
 * Reads a dossier as it stood right after its event number `seq`, through the modules that own each part
 * (dossiers, catalogue, workflow, accounts): the portal hears the state of that moment however late the
 * delivery runs.
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
  const people: number[] = [];
  for (const event of events) {
    if (event.action === 'submit' || event.action === 'receive' || event.action === 'transfer')
      processIds.add(event.payload.processId);
    agencies.add(event.agencyCode);
    if (event.actorAgency) agencies.add(event.actorAgency);
    people.push(event.actorId ?? -1);
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
