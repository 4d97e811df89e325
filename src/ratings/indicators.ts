import type { ServiceRecord } from '../dossiers/service-record.js';
import type { Points } from './model.js';

/**
 * Indicators 1–4 of Circular 01/2018 art. 13 (the real form: shared/data/rating-criteria.md), computed from a
 * returned dossier's event log rather than asked: the respondent would only be guessing what the log knows.
 */

/** (1) Total time against the legal limit: early 2, on time 1, late 0, as fixed when the dossier finished. */
export function totalTimePoints(record: ServiceRecord): Points | null {
  for (const event of [...record.events].reverse()) {
    if (event.action === 'issue_result' || event.action === 'refuse' || event.action === 'withdraw') {
      const t = event.payload.timeliness;
      return t === 'early' ? 2 : t === 'on_time' ? 1 : t === 'late' ? 0 : null;
    }
  }
  return null;
}

/**
 * (2) A participant's time against its own limit: the worst of its hand-overs on the process-control slip —
 * any late 0, else any on time 1, else 2; null when none of its steps had a time budget.
 */
export function partTimePoints(results: ('early' | 'on_time' | 'late' | null)[]): Points | null {
  const timed = results.filter((r) => r !== null);
  if (timed.length === 0) return null;
  if (timed.includes('late')) return 0;
  if (timed.includes('on_time')) return 1;
  return 2;
}

/**
 * (3) Times the applicant had to come back to complete the dossier: each supplement request is one contact;
 * none 2, one 1, more 0. [Not modelled: the form's exception when the applicant was at fault — the log does
 * not say whose fault a second request was.]
 */
export function contactPoints(record: ServiceRecord): Points {
  const requests = record.events.filter((e) => e.action === 'request_supplement').length;
  return requests === 0 ? 2 : requests === 1 ? 1 : 0;
}

/**
 * (4) Bodies the applicant had to deal with: the one-stop desk when they filed or collected at a counter or by
 * post, or were asked there for a supplement; the handling agency when it asked them directly during
 * processing. None 2 (filed and served online), only the one-stop desk 1, more 0.
 */
export function agenciesContactedPoints(record: ServiceRecord): Points {
  const contacted = new Set<string>();
  if (record.channel !== 'online') contacted.add(record.receivingAgency);
  for (const event of record.events) {
    if (event.action === 'return_result' && event.payload.method === 'counter')
      contacted.add(record.receivingAgency);
    if (event.action === 'request_supplement')
      contacted.add(
        event.payload.phase === 'reception'
          ? record.receivingAgency
          : (event.actorAgency ?? record.handlingAgency),
      );
  }
  if (contacted.size === 0) return 2;
  return contacted.size === 1 && contacted.has(record.receivingAgency) ? 1 : 0;
}

export interface RatingPart {
  level: 'agency' | 'unit' | 'officer';
  agencyCode: string;
  unitCode: string | null;
  officerId: number | null;
  i2: Points | null;
}

/**
 * The agencies, units and officers a rating counts for, each with its own indicator 2: every agency that
 * held the dossier (receiving and handling ones always), every unit and officer that handed it on.
 */
export function ratingParts(record: ServiceRecord): RatingPart[] {
  const groups = new Map<
    string,
    { part: Omit<RatingPart, 'i2'>; results: ('early' | 'on_time' | 'late' | null)[] }
  >();
  const add = (part: Omit<RatingPart, 'i2'>, result: 'early' | 'on_time' | 'late' | null | undefined) => {
    const key = `${part.level}|${part.agencyCode}|${part.unitCode ?? ''}|${part.officerId ?? ''}`;
    const group = groups.get(key) ?? { part, results: [] };
    if (result !== undefined) group.results.push(result);
    groups.set(key, group);
  };
  for (const agencyCode of [record.receivingAgency, record.handlingAgency])
    add({ level: 'agency', agencyCode, unitCode: null, officerId: null }, undefined);
  for (const h of record.handOvers) {
    add({ level: 'agency', agencyCode: h.agencyCode, unitCode: null, officerId: null }, h.result);
    if (h.unitCode)
      add({ level: 'unit', agencyCode: h.agencyCode, unitCode: h.unitCode, officerId: null }, h.result);
    if (h.officerId !== null)
      add({ level: 'officer', agencyCode: h.agencyCode, unitCode: null, officerId: h.officerId }, h.result);
  }
  return [...groups.values()].map(({ part, results }) => ({ ...part, i2: partTimePoints(results) }));
}
