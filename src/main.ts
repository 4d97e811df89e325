import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAuditTrail } from './audit/store.js';
import { authSettings } from './auth/settings.js';
import { listDemoUsers } from './auth/store.js';
import { computeDue } from './calendar/compute-due.js';
import { isoFromDay, localDay, parseInstant } from './calendar/dates.js';
import { agencyClocks } from './catalog/agency-clocks.js';
import { publicationSchema } from './catalog/model.js';
import { importProceduresCommand } from './cli/import-command.js';
import { importNationalCommand } from './cli/import-national-command.js';
import { progressBar } from './cli/progress.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { backupDatabase, restoreDatabase } from './db/backup.js';
import { databaseAnswers } from './db/connection.js';
import { leaveSignalsToTheServer } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { type OpenDatabase, openDatabase } from './db/open.js';
import { openServerConnection } from './db/server-role.js';
import { isSeeded, seedDemo } from './demo/seed.js';
import { demoSigningDir, startDocuments } from './documents/wiring.js';
import { closeRenderPool } from './dossiers/forms/pdf-pool.js';
import { verifyDossiers } from './dossiers/verify.js';
import { generateProvince } from './generate/generate-province.js';
import { trustProxyOption } from './http/security.js';
import { buildServer } from './http/server.js';
import { startIdentity } from './integrations/identity/wiring.js';
import { syncCatalogue } from './integrations/national-catalogue/sync-catalogue.js';
import { startFilingsPoller } from './integrations/national-portal/filings-poller.js';
import { startPoller } from './integrations/poller.js';
import { webhookHandler } from './integrations/webhooks/deliver.js';
import { WEBHOOK_HANDLER } from './integrations/webhooks/model.js';
import { startIntegrations } from './integrations/wiring.js';
import { OutboxWorker } from './outbox/worker.js';

const USAGE = `motcua — Hệ thống một cửa điện tử

Cách dùng / usage: npm run motcua -- <lệnh>
  start                                   chạy máy chủ (CSDL nhúng, dữ liệu mẫu lần đầu)
  migrate                                 áp dụng các migration
  seed                                    nạp dữ liệu mẫu
  import procedures FILE [--decision SỐ --decision-date YYYY-MM-DD --effective-date YYYY-MM-DD]
  import national FILE|THƯ_MỤC [--decision …]  nhập bản ghi CSDL quốc gia về TTHC (JSONL, gzip hoặc không; thư mục .json)
  calendar due --from ISO (--working-days N | --working-hours N) [--agency MÃ] [--hours-per-day H]
  verify dossiers                         dựng lại trạng thái từ nhật ký sự kiện, so với bảng hồ sơ, kiểm tra chuỗi băm
  verify audit                            kiểm tra chuỗi băm của nhật ký truy cập (dòng bị sửa, xóa, đảo thứ tự)
  backup THƯ_MỤC                          sao lưu nhất quán CSDL (và tệp) vào thư mục, kèm mã SHA-256 từng tệp
  restore THƯ_MỤC                         khôi phục bản sao lưu vào một CSDL trống (kiểm tra SHA-256 trước)
  generate --dossiers N [--seed S] [--procedures P]   sinh dữ liệu tổng hợp của một tỉnh (đo hiệu năng)
`;

/** The longest a stop may take (in-flight requests finish, the outbox worker hands back its leases). */
const SHUTDOWN_TIMEOUT_MS = 20_000;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** How long a starting server waits for its database (a failover, PostgreSQL starting beside it). */
const DATABASE_WAIT_MS = 60_000;

function seedOptions(config: Config) {
  const signingDir = demoSigningDir(config);
  return { demoPassword: config.MOTCUA_DEMO_PASSWORD, ...(signingDir ? { signingDir } : {}) };
}

async function prepare(config: Config, seedIfEmpty: boolean): Promise<OpenDatabase> {
  const database = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
  const deadline = Date.now() + DATABASE_WAIT_MS;
  while (!(await databaseAnswers(database.pool))) {
    if (Date.now() > deadline) {
      await database.shutdown();
      throw new Error(`cơ sở dữ liệu không trả lời sau ${DATABASE_WAIT_MS / 1000} giây`);
    }
    say('Đang chờ cơ sở dữ liệu…');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const { applied } = await migrate(database.pool);
  if (applied.length > 0) say(`Đã áp dụng migration: ${applied.join(', ')}`);
  if (seedIfEmpty && config.MOTCUA_DEMO && !(await isSeeded(database.kysely))) {
    say('Nạp dữ liệu mẫu (lần chạy đầu tiên)…');
    await seedDemo(database.kysely, { ...seedOptions(config), log: say });
  }
  return database;
}

async function start(config: Config): Promise<void> {
  const owner = await prepare(config, true);
  // The owner migrated and seeded; the server itself runs as the least-privileged role (migration 060).
  const database = await openServerConnection(config, owner);
  const clocks = agencyClocks(database.kysely);
  const publicUrl = config.MOTCUA_PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const today = () => isoFromDay(localDay(Date.now()));
  // National systems (portal sync, notices, population lookups); in demo mode local simulators stand in
  // for what is not configured (src/integrations/wiring.ts). Started first: routes use the population port.
  const integrations = await startIntegrations(database.kysely, config, { publicUrl });
  const documents = await startDocuments(config, { publicUrl });
  // Citizens' login through VNeID (OpenID Connect): the configured provider, or a local one in demo mode.
  const identity = await startIdentity(config, publicUrl);
  const app = await buildServer(
    {
      db: database.kysely,
      pool: database.pool,
      clocks,
      today,
      now: () => Date.now(),
      publicUrl,
      population: integrations.population,
      metricsToken: config.METRICS_TOKEN ?? null,
      documents: documents.services,
      identity: identity.provider,
    },
    {
      logLevel: config.LOG_LEVEL,
      trustProxy: trustProxyOption(config.MOTCUA_TRUST_PROXY),
      security: {
        allowedOrigins: config.MOTCUA_ALLOWED_ORIGINS,
        writesPerMinute: config.MOTCUA_RATE_WRITES_PER_MINUTE,
        trackingPerMinute: config.MOTCUA_RATE_TRACKING_PER_MINUTE,
      },
      auth: authSettings(config),
    },
  );
  // Outbox deliveries (webhooks, and later the national portal and notifications) leave from every server process.
  const outbox = new OutboxWorker(
    database.kysely,
    { [WEBHOOK_HANDLER]: webhookHandler(database.kysely) },
    { listenUrl: database.url, log: (message, details) => app.log.warn(details ?? {}, message) },
  );
  outbox.start();
  // The national systems' deliveries have a worker of their own, which retries for hours.
  const integrationOutbox = new OutboxWorker(database.kysely, integrations.handlers, {
    ...integrations.workerOptions,
    listenUrl: database.url,
    log: (message, details) => app.log.warn(details ?? {}, message),
  });
  integrationOutbox.start();
  // Dossiers filed on the national portal are asked for and received as online dossiers.
  const filings =
    integrations.portal && config.NATIONAL_PORTAL_POLL_MS > 0
      ? startFilingsPoller(
          {
            portal: integrations.portal,
            dossiers: {
              db: database.kysely,
              clocks,
              today,
              now: () => Date.now(),
              documents: documents.services,
            },
            publicUrl,
          },
          {
            intervalMs: config.NATIONAL_PORTAL_POLL_MS,
            log: (message, details) => app.log.warn(details ?? {}, message),
          },
        )
      : null;
  // Changes of the national procedure database become drafts for the controllers (never published by themselves).
  const catalogue = integrations.catalogue;
  const catalogueSync =
    catalogue && config.NATIONAL_CATALOGUE_POLL_MS > 0
      ? startPoller(() => syncCatalogue({ db: database.kysely, catalogue }), {
          name: 'catalogue sync',
          intervalMs: config.NATIONAL_CATALOGUE_POLL_MS,
          again: () => false,
          report: (round) => {
            if (round.failure) app.log.warn({ answer: round.failure.kind }, 'catalogue sync: feed not read');
            if (round.drafts + round.refused.length > 0)
              app.log.info(
                { drafts: round.drafts, refused: round.refused.length },
                'catalogue sync: changes taken',
              );
          },
          log: (message, details) => app.log.warn(details ?? {}, message),
        })
      : null;
  for (const simulator of integrations.demo.started) say(`${simulator.name}: ${simulator.address}`);
  for (const line of documents.lines) say(line);
  for (const line of identity.lines) say(line);
  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  say(`motcua đang chạy tại http://${shown}:${config.PORT}  (API: /api/docs, sức khỏe: /healthz)`);
  say(
    owner.embedded
      ? `CSDL nhúng: ${config.dataDir}/pg (cổng ${config.MOTCUA_PG_PORT})`
      : 'CSDL: DATABASE_URL',
  );
  const demo = await listDemoUsers(database.kysely);
  if (demo.length > 0) {
    say(
      `Tài khoản demo (mật khẩu: ${config.MOTCUA_DEMO_PASSWORD === 'demo' ? 'demo' : 'MOTCUA_DEMO_PASSWORD'}):`,
    );
    say(`  ${demo.map((u) => u.username).join(', ')}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Nhận ${signal}, đang dừng…`);
    // Whatever hangs (a request waiting on a dead database), the process is gone within the bound.
    setTimeout(() => {
      say('Dừng quá thời hạn: thoát ngay.');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await app.close().catch(() => undefined);
    await outbox.stop().catch(() => undefined);
    await integrationOutbox.stop().catch(() => undefined);
    await filings?.stop().catch(() => undefined);
    await catalogueSync?.stop().catch(() => undefined);
    await integrations.close().catch(() => undefined);
    await documents.close().catch(() => undefined);
    await identity.stop().catch(() => undefined);
    await closeRenderPool().catch(() => undefined);
    await database.close().catch(() => undefined);
    await owner.shutdown().catch(() => undefined);
    say('Đã dừng máy chủ và cơ sở dữ liệu.');
    process.exit(0);
  };
  leaveSignalsToTheServer();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function withDatabase(
  config: Config,
  work: (database: OpenDatabase) => Promise<number>,
): Promise<number> {
  const database = await prepare(config, false);
  try {
    return await work(database);
  } finally {
    await database.shutdown();
  }
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      decision: { type: 'string' },
      'decision-date': { type: 'string' },
      'effective-date': { type: 'string' },
      from: { type: 'string' },
      'working-days': { type: 'string' },
      'working-hours': { type: 'string' },
      'hours-per-day': { type: 'string' },
      agency: { type: 'string' },
      dossiers: { type: 'string' },
      seed: { type: 'string' },
      procedures: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, subject, argument] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      await start(config);
      return -1;
    case 'migrate':
      return withDatabase(config, async () => 0);
    case 'seed':
      return withDatabase(config, async (database) => {
        await seedDemo(database.kysely, { ...seedOptions(config), log: say });
        return 0;
      });
    case 'import': {
      if ((subject !== 'procedures' && subject !== 'national') || !argument) break;
      let publication: ReturnType<typeof publicationSchema.parse> | undefined;
      if (values.decision) {
        const parsed = publicationSchema.safeParse({
          kind: 'publish',
          decisionNumber: values.decision,
          decisionDate: values['decision-date'],
          effectiveDate: values['effective-date'] ?? values['decision-date'],
        });
        if (!parsed.success) {
          process.stderr.write(
            'Quyết định công bố cần --decision, --decision-date và --effective-date dạng YYYY-MM-DD\n',
          );
          return 2;
        }
        publication = parsed.data;
      }
      return withDatabase(config, (database) =>
        subject === 'national'
          ? importNationalCommand(database.kysely, argument, publication)
          : importProceduresCommand(database.kysely, argument, publication),
      );
    }
    case 'generate': {
      const dossiers = Number(values.dossiers);
      if (!Number.isInteger(dossiers) || dossiers < 1) {
        process.stderr.write('Cần --dossiers N (số nguyên dương)\n');
        return 2;
      }
      return withDatabase(config, async (database) => {
        if (!(await isSeeded(database.kysely)))
          await seedDemo(database.kysely, { ...seedOptions(config), log: say });
        const bars = new Map<string, ReturnType<typeof progressBar>>();
        const started = Date.now();
        const result = await generateProvince(
          database.kysely,
          database.pool,
          await agencyClocks(database.kysely).clock(),
          {
            dossiers,
            seed: Number(values.seed ?? 1),
            procedures: Number(values.procedures ?? 2000),
            citizens: Math.min(100_000, Math.max(100, Math.round(dossiers / 50))),
            until: isoFromDay(localDay(Date.now()) - 1),
            onProgress: (phase, done, total) => {
              let bar = bars.get(phase);
              if (!bar) {
                bar = progressBar(`Sinh ${phase}`);
                bars.set(phase, bar);
              }
              bar.update(done, total);
            },
          },
        );
        for (const bar of bars.values()) bar.stop();
        say(
          `Đã sinh ${result.dossiers} hồ sơ, ${result.events} sự kiện trong ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
        return 0;
      });
    }
    case 'backup': {
      if (!subject) break;
      return withDatabase(config, async (database) => {
        const bars = new Map<string, ReturnType<typeof progressBar>>();
        const manifest = await backupDatabase(database.pool, path.resolve(subject), {
          filesDir: path.join(config.dataDir, 'files'),
          onProgress: (step, done, total) => {
            if (!bars.has(step)) bars.set(step, progressBar(`Sao lưu ${step === 'tables' ? 'bảng' : 'tệp'}`));
            bars.get(step)?.update(done, total);
          },
        });
        for (const bar of bars.values()) bar.stop();
        const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
        say(
          `Đã sao lưu ${manifest.tables.length} bảng (${rows} dòng) và ${manifest.files.length} tệp vào ${subject}.`,
        );
        return 0;
      });
    }
    case 'restore': {
      if (!subject) break;
      const database = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
      try {
        const bars = new Map<string, ReturnType<typeof progressBar>>();
        const manifest = await restoreDatabase(database.pool, path.resolve(subject), {
          filesDir: path.join(config.dataDir, 'files'),
          onProgress: (step, done, total) => {
            if (!bars.has(step))
              bars.set(step, progressBar(`Khôi phục ${step === 'tables' ? 'bảng' : 'tệp'}`));
            bars.get(step)?.update(done, total);
          },
        });
        for (const bar of bars.values()) bar.stop();
        const report = await verifyDossiers(database.kysely);
        say(
          `Đã khôi phục ${manifest.tables.length} bảng và ${manifest.files.length} tệp (bản sao lưu lúc ${manifest.createdAt}); ` +
            `kiểm tra ${report.checked} hồ sơ: ${report.differences.length} sai lệch.`,
        );
        return report.differences.length === 0 ? 0 : 1;
      } finally {
        await database.shutdown();
      }
    }
    case 'verify': {
      if (subject === 'audit')
        return withDatabase(config, async (database) => {
          const broken = await verifyAuditTrail(database.kysely);
          for (const row of broken.slice(0, 50)) say(`  ${row.day} #${row.id}: ${row.problem}`);
          say(`Nhật ký truy cập: ${broken.length} dòng bị sửa, xóa hoặc đảo thứ tự.`);
          return broken.length === 0 ? 0 : 1;
        });
      if (subject !== 'dossiers') break;
      return withDatabase(config, async (database) => {
        const report = await verifyDossiers(database.kysely, (done) =>
          process.stderr.write(`\rĐã kiểm tra ${done} hồ sơ`),
        );
        process.stderr.write('\n');
        for (const d of report.differences.slice(0, 50)) {
          say(
            `  ${d.code} ${d.field}: bảng hồ sơ=${JSON.stringify(d.projection)} nhật ký=${JSON.stringify(d.events)}`,
          );
        }
        say(`Đã kiểm tra ${report.checked} hồ sơ: ${report.differences.length} sai lệch.`);
        return report.differences.length === 0 ? 0 : 1;
      });
    }
    case 'calendar': {
      if (subject !== 'due' || !values.from) break;
      const from = parseInstant(values.from);
      const days = values['working-days'] === undefined ? undefined : Number(values['working-days']);
      const hours = values['working-hours'] === undefined ? undefined : Number(values['working-hours']);
      const perDay = values['hours-per-day'] === undefined ? undefined : Number(values['hours-per-day']);
      const amount = days ?? hours;
      if (
        from === null ||
        amount === undefined ||
        !(amount >= 0) ||
        (days !== undefined && hours !== undefined)
      ) {
        process.stderr.write(
          'Cần --from dạng ISO 8601 và đúng một trong --working-days / --working-hours (số không âm)\n',
        );
        return 2;
      }
      return withDatabase(config, async (database) => {
        const clock = await agencyClocks(database.kysely).clock(values.agency);
        const answer = computeDue(clock, {
          from,
          ...(days !== undefined ? { workingDays: days } : {}),
          ...(hours !== undefined ? { workingHours: hours } : {}),
          ...(perDay !== undefined ? { hoursPerDay: perDay } : {}),
        });
        say(JSON.stringify(answer));
        return 0;
      });
    }
  }
  process.stderr.write(USAGE);
  return 2;
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Lỗi: ${(error as Error).message}\n`);
    }
    process.exit(1);
  },
);
