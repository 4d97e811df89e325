import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { call, login, stackForFile } from './stack.js';

/**
 * An orderly stop (SIGTERM, as a service manager sends) closes the server before its database: the reads audited
 * just before it, still buffered, reach the trail. The embedded database's library stopped its cluster on the
 * same signal by itself, racing that order.
 */
describe('an orderly stop', () => {
  const started = stackForFile();

  it('writes the reads audited just before it', async () => {
    const stack = started();
    const token = await login(stack.baseUrl, 'controller');
    const marker = `stop-${Date.now()}`;
    const reply = await call(stack.baseUrl, 'GET', `/api/dossiers?q=${marker}`, token);
    expect(reply.status).toBe(200);
    // Reads are buffered for a quarter of a second: the stop comes before they would be written.
    await stack.terminate();
    await stack.start();
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT purpose FROM audit_trail WHERE kind = 'read' AND detail->>'q' = $1",
        [marker],
      );
      expect(rows).toEqual([{ purpose: 'dossier.search' }]);
    } finally {
      await client.end();
    }
  }, 240_000);
});
