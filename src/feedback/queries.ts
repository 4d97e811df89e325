import type { Actor } from '../auth/roles.js';
import { dayFromIso, instantAt } from '../calendar/dates.js';
import type { Clock } from '../calendar/deadline.js';
import { agencyBriefs } from '../catalog/agency-store.js';
import { isSubmitter } from './act-as-submitter.js';
import { feedbackNotFound } from './act-on-feedback.js';
import { accessOfFeedback } from './decision-context.js';
import type { FeedbackDeps } from './deps.js';
import type { FeedbackStatus } from './model.js';
import { canReadFeedback, feedbackScope } from './policy.js';
import type { FeedbackSettings } from './settings.js';
import {
  findFeedbackRow,
  handledInPeriod,
  listFeedbackRows,
  listPublishedRows,
  loadFeedbackEvents,
  openItemsForOverview,
  readFeedbackSettings,
} from './store.js';
import {
  officerFeedbackView,
  publicFeedbackView,
  queueItem,
  submitterFeedbackView,
  timingOf,
} from './view.js';

/** Clocks per agency for one request (each agency's office hours end its working days). */
function clockCache(deps: FeedbackDeps) {
  const clocks = new Map<string, Promise<Clock>>();
  return (agency: string | null) => {
    const key = agency ?? '';
    let clock = clocks.get(key);
    if (!clock) {
      clock = deps.clocks.clock(agency ?? undefined);
      clocks.set(key, clock);
    }
    return clock;
  };
}

export async function officerFeedback(deps: FeedbackDeps, actor: Actor, code: string) {
  const row = await findFeedbackRow(deps.db, code);
  if (!row || !canReadFeedback(actor, accessOfFeedback(row))) throw feedbackNotFound(code);
  const [events, settings, clock] = await Promise.all([
    loadFeedbackEvents(deps.db, row.id),
    readFeedbackSettings(deps.db),
    deps.clocks.clock(row.handling_agency ?? undefined),
  ]);
  return officerFeedbackView(row, events, actor, clock, settings, deps.now());
}

export async function submitterFeedback(
  deps: FeedbackDeps,
  code: string,
  key: string | undefined,
  actor: Actor | null,
) {
  const row = await findFeedbackRow(deps.db, code);
  if (!row || !isSubmitter(row, key, actor)) throw feedbackNotFound(code);
  const [events, settings, clock] = await Promise.all([
    loadFeedbackEvents(deps.db, row.id),
    readFeedbackSettings(deps.db),
    deps.clocks.clock(row.handling_agency ?? undefined),
  ]);
  return submitterFeedbackView(row, events, clock, settings, deps.now());
}

export interface QueueQuery {
  status?: FeedbackStatus;
  open?: boolean;
  urgency?: 'overdue' | 'due_soon' | 'on_track' | 'waiting';
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * The officer's feedback queue, soonest deadline first: a controller's covers the province, anyone else's the
 * items assigned to their agency. Each line says how pressing it is now and whether a progress report is owed.
 */
export async function feedbackQueue(deps: FeedbackDeps, actor: Actor, query: QueueQuery) {
  const settings = await readFeedbackSettings(deps.db);
  const clockOf = clockCache(deps);
  const now = deps.now();
  const { rows, total } = await listFeedbackRows(deps.db, {
    ...feedbackScope(actor),
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.open ? { open: true } : {}),
    ...(query.q ? { q: query.q } : {}),
    page: query.page,
    pageSize: query.pageSize,
  });
  const items = await Promise.all(
    rows.map(async (row) => queueItem(row, await clockOf(row.handling_agency), settings, now)),
  );
  const shown = query.urgency ? items.filter((item) => item.urgency === query.urgency) : items;
  return { items: shown, total: query.urgency ? shown.length : total };
}

export async function myFeedback(deps: FeedbackDeps, actor: Actor, page: number, pageSize: number) {
  const settings = await readFeedbackSettings(deps.db);
  const clockOf = clockCache(deps);
  const now = deps.now();
  const { rows, total } = await listFeedbackRows(deps.db, { ownerId: actor.id, page, pageSize });
  const items = await Promise.all(
    rows.map(async (row) => queueItem(row, await clockOf(row.handling_agency), settings, now)),
  );
  return { items, total };
}

export async function publishedFeedback(
  deps: FeedbackDeps,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  const { rows, total } = await listPublishedRows(deps.db, q, page, pageSize);
  const names = await agencyNames(
    deps,
    rows.map((r) => r.handling_agency),
  );
  return {
    items: rows.map((row) => ({
      ...publicFeedbackView(row),
      agencyName: names.get(row.handling_agency ?? '') ?? null,
    })),
    total,
  };
}

export async function onePublishedFeedback(deps: FeedbackDeps, code: string) {
  const row = await findFeedbackRow(deps.db, code);
  if (!row || row.published_at === null) throw feedbackNotFound(code);
  const names = await agencyNames(deps, [row.handling_agency]);
  return { ...publicFeedbackView(row), agencyName: names.get(row.handling_agency ?? '') ?? null };
}

async function agencyNames(deps: FeedbackDeps, codes: (string | null)[]) {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  return new Map((await agencyBriefs(deps.db, wanted)).map((a) => [a.code, a.name]));
}

/**
 * The controller's overview: open items per agency (the desk's own before assignment) by urgency, with
 * the progress reports owed, and the share handled on time in a period (dates in Vietnam time).
 */
export async function feedbackOverview(deps: FeedbackDeps, period: { from: string; to: string }) {
  const settings: FeedbackSettings = await readFeedbackSettings(deps.db);
  const clockOf = clockCache(deps);
  const now = deps.now();
  const open = await openItemsForOverview(deps.db);
  const byAgency = new Map<
    string,
    {
      agency: string | null;
      open: number;
      overdue: number;
      dueSoon: number;
      waiting: number;
      progressOwed: number;
    }
  >();
  for (const row of open) {
    const key = row.handling_agency ?? '';
    const line = byAgency.get(key) ?? {
      agency: row.handling_agency,
      open: 0,
      overdue: 0,
      dueSoon: 0,
      waiting: 0,
      progressOwed: 0,
    };
    const timing = timingOf(row, await clockOf(row.handling_agency), settings, now);
    line.open++;
    if (timing.urgency === 'overdue') line.overdue++;
    if (timing.urgency === 'due_soon') line.dueSoon++;
    if (timing.urgency === 'waiting') line.waiting++;
    if (timing.progressOwed) line.progressOwed++;
    byAgency.set(key, line);
  }
  const handled = await handledInPeriod(
    deps.db,
    new Date(instantAt(dayFromIso(period.from), 0)),
    new Date(instantAt(dayFromIso(period.to) + 1, 0)),
  );
  const names = await agencyNames(deps, [
    ...[...byAgency.values()].map((l) => l.agency),
    ...handled.map((h) => h.agency),
  ]);
  return {
    open: [...byAgency.values()]
      .map((line) => ({ ...line, agencyName: line.agency ? (names.get(line.agency) ?? line.agency) : null }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open),
    handled: handled.map((h) => ({
      agency: h.agency,
      agencyName: h.agency ? (names.get(h.agency) ?? h.agency) : null,
      handled: h.handled,
      onTime: h.onTime,
      rate: h.handled === 0 ? null : Math.round((10_000 * h.onTime) / h.handled) / 100,
    })),
  };
}
