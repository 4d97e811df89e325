import type { SessionCache } from '../auth/session-cache.js';
import type { ClockService } from '../calendar/clock-service.js';
import { forgetAgencies } from '../catalog/agency-store.js';
import { forgetCatalog } from '../catalog/procedure-store.js';
import type { Change } from '../db/change-feed.js';
import { forgetProcesses } from '../workflow/store.js';

/**
 * What each announced change makes this server process forget. "*" (the change feed lost its connection, so
 * announcements may have been missed) forgets everything.
 */
export function forgetOnChange(sessions: SessionCache, clocks: ClockService) {
  return (change: Change): void => {
    const all = change.topic === '*';
    if (all || change.topic === 'session') {
      if (change.key && !all) sessions.forgetSession(change.key);
      else sessions.clear();
    }
    if (change.topic === 'user' && change.key) sessions.forgetUser(Number(change.key));
    if (all || change.topic === 'catalog') forgetCatalog();
    if (all || change.topic === 'agencies') {
      forgetAgencies();
      clocks.invalidate();
    }
    if (all || change.topic === 'calendar') clocks.invalidate();
    if (all || change.topic === 'processes') forgetProcesses();
  };
}
