import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

const run = promisify(execFile);

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/**
 * The OpenAPI document as clients get it, linted by Redocly with its recommended rules. The only warnings
 * left are the two steps of the VNeID login, which answer with redirects (the browser is sent on) and so
 * have no 2xx answer by design.
 */
describe('the OpenAPI document', () => {
  it('passes `redocly lint` with the recommended rules', { timeout: 120_000 }, async () => {
    const t = await testApp();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-openapi-'));
    try {
      await t.app.ready();
      const file = path.join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(t.app.swagger()));
      const bin = path.resolve('node_modules/.bin/redocly');
      const { stdout } = await run(bin, ['lint', file, '--extends=recommended', '--format=json'], {
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: Problem[] };
      const seen = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
      expect(seen.filter((p) => p.startsWith('error'))).toEqual([]);
      expect(seen.sort()).toEqual([
        'warn operation-2xx-response #/paths/~1api~1auth~1vneid~1callback/get/responses',
        'warn operation-2xx-response #/paths/~1api~1auth~1vneid~1start/get/responses',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await t.close();
    }
  });
});
