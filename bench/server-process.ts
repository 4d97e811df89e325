import { DEFAULT_AUTH_SETTINGS } from '../src/auth/settings.js';
import { isoFromDay, localDay } from '../src/calendar/dates.js';
import { agencyClocks } from '../src/catalog/agency-clocks.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connection.js';
import { startDocuments } from '../src/documents/wiring.js';
import { buildServer } from '../src/http/server.js';

/** The application server under test, in its own process (as in production), on a free loopback port. */
const url = process.env.DATABASE_URL ?? '';
const db = connect(url, Number(process.env.DATABASE_POOL_SIZE ?? 20));
// Files and signing as configured (in demo mode: the demo CA under the data directory, keys made on first use).
const documents = await startDocuments(loadConfig(), { publicUrl: 'http://127.0.0.1' });
const app = await buildServer(
  {
    db: db.kysely,
    pool: db.pool,
    clocks: agencyClocks(db.kysely),
    today: () => isoFromDay(localDay(Date.now())),
    now: () => Date.now(),
    publicUrl: 'http://127.0.0.1',
    documents: documents.services,
  },
  // The bench drives many writes and logins from one address: the per-IP limits would measure the limiter.
  {
    logLevel: 'warn',
    security: { writesPerMinute: 0, trackingPerMinute: 0 },
    auth: { ...DEFAULT_AUTH_SETTINGS, loginPerIpPerMinute: 100_000 },
  },
);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => documents.close().then(() => db.close().then(() => process.exit(0))));
});
