import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rm, statfs } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, IntakeLoad } from './load.js';
import { Stack } from './stack.js';

/** A small filesystem of its own for the data directory: a tmpfs, which only root may mount. */
function mountSmallDisk(): string | null {
  if (process.platform !== 'linux' || userInfo().uid !== 0) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m,mode=0755', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const disk = mountSmallDisk();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fills the filesystem until it refuses another byte; returns the filler file. */
async function fill(dir: string): Promise<string> {
  const file = path.join(dir, 'filler');
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return file;
}

/**
 * Disk full on the data directory: writes are refused with a clear error (503 / 507, never 500), nothing
 * acknowledged is lost and nothing is corrupted; when space comes back, the server writes again by itself.
 * Needs a filesystem of its own (tmpfs, mounted by root); skipped, saying so, where that is not possible.
 */
describe.skipIf(!disk)(
  `disk full on the data directory${disk ? '' : ' — skipped: mounting a small tmpfs needs root on Linux'}`,
  () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await Stack.create({}, path.join(disk ?? '', 'data'));
      await stack.start();
    }, 180_000);
    afterAll(async () => {
      await stack?.destroy();
      if (disk) {
        execFileSync('umount', ['-l', disk]);
        await rm(disk, { recursive: true, force: true });
      }
    }, 60_000);

    it('refuses writes clearly while full, loses nothing, and writes again once there is room', async () => {
      const load = new IntakeLoad(stack.baseUrl, 4);
      load.start();
      await pause(2_000);
      const filler = await fill(disk ?? '');
      const full = (await statfs(disk ?? '')).bavail;
      const acknowledgedWhenFull = load.acknowledged.length;
      await pause(8_000);
      const duringFull = load.acknowledged.length - acknowledgedWhenFull;
      await rm(filler);
      const freedAt = Date.now();
      const before = load.acknowledged.length;
      while (load.acknowledged.length === before) {
        if (Date.now() - freedAt > 120_000)
          throw new Error('no write acknowledged within 2 minutes of freeing space');
        await pause(100);
      }
      const recoveredMs = Date.now() - freedAt;
      await pause(1_000);
      await load.stop();
      const result = await audit(stack.databaseUrl, load);
      process.stdout.write(
        `disk full: ${full} blocks free after filling; ${duringFull} intakes acknowledged while full; ` +
          `statuses ${JSON.stringify(Object.fromEntries(load.statuses))}; writes again ${recoveredMs} ms after space came back; ` +
          `${result.acknowledged} acknowledged, ${result.found} found, ${result.serialGaps.length} gaps, ${result.verifyDifferences} verify differences\n`,
      );
      expect(load.serverErrors).toBe(0);
      expect(result.missing).toEqual([]);
      expect(result.duplicates).toBe(0);
      expect(result.serialGaps).toEqual([]);
      expect(result.verifyDifferences).toBe(0);
    }, 600_000);
  },
);
