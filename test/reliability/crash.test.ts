import { describe, expect, it } from 'vitest';
import { audit, IntakeLoad } from './load.js';
import { FULL, stackForFile } from './stack.js';

const SERVER_KILLS = FULL ? 20 : 2;
const POSTMASTER_KILLS = FULL ? 20 : 2;

/** Longest wait for the next acknowledged intake after one kill (recovery takes seconds). */
const RECOVERY_BOUND_MS = 120_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Crash: under intake and action load, kill -9 the server and kill -9 the postmaster at random moments. After
 * all of it, every acknowledged request is present exactly once, numbering is gap-free, and every dossier's
 * projection folds from its events.
 */
describe(`crash: ${SERVER_KILLS} server kills and ${POSTMASTER_KILLS} postmaster kills under load`, () => {
  const started = stackForFile();

  it(
    'loses no acknowledged write, duplicates none, leaves no gap',
    async () => {
      const stack = started();
      const load = new IntakeLoad(stack.baseUrl, FULL ? 16 : 8);
      load.start();
      const kills = [
        ...Array.from({ length: SERVER_KILLS }, () => 'server' as const),
        ...Array.from({ length: POSTMASTER_KILLS }, () => 'postmaster' as const),
      ].sort(() => Math.random() - 0.5);
      const downtimes: number[] = [];
      for (const kill of kills) {
        await pause(1_000 + Math.random() * 2_000);
        const before = load.acknowledged.length;
        const started = Date.now();
        if (kill === 'server') {
          stack.killServer();
          await stack.start();
        } else {
          await stack.killPostmaster();
        }
        // Service is back when a new intake is acknowledged; a bound turns a server that never comes back into
        // a failure that says what it printed, rather than a silent timeout.
        while (load.acknowledged.length === before) {
          if (Date.now() - started > RECOVERY_BOUND_MS) {
            throw new Error(
              `no intake acknowledged ${RECOVERY_BOUND_MS} ms after the ${kill} kill; the server printed:\n${stack.lastOutput}`,
            );
          }
          await pause(50);
        }
        downtimes.push(Date.now() - started);
      }
      await pause(1_000);
      await load.stop();
      const result = await audit(stack.databaseUrl, load);
      process.stdout.write(
        `crash: ${kills.length} kills (${SERVER_KILLS} server, ${POSTMASTER_KILLS} postmaster); ${result.acknowledged} acknowledged, ` +
          `${result.found} found, ${result.duplicates} duplicates, ${result.serialGaps.length} serial gaps, ` +
          `${result.logbookGaps.length} logbook gaps, ${result.forwardsLost} forwards lost, ${result.verifyDifferences} verify differences; ` +
          `time to the next acknowledged intake after a kill: max ${Math.max(...downtimes)} ms, ` +
          `statuses ${JSON.stringify(Object.fromEntries(load.statuses))}\n`,
      );
      expect(result.acknowledged).toBeGreaterThan(20);
      expect(result.missing).toEqual([]);
      expect(result.duplicates).toBe(0);
      expect(result.serialGaps).toEqual([]);
      expect(result.logbookGaps).toEqual([]);
      expect(result.forwardsLost).toBe(0);
      expect(result.verifyDifferences).toBe(0);
      expect(load.serverErrors).toBe(0);
    },
    FULL ? 3_600_000 : 600_000,
  );
});
