import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCalendar } from './calendar.js';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' } },
});

const durationMs = values.smoke ? 300 : 3_000;
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};

process.stderr.write(
  `motcua bench${values.smoke ? ' (smoke)' : ''} — ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
);
process.stderr.write('[1/1] calendar: due-date arithmetic…\n');
const calendar = benchCalendar(durationMs);
for (const result of calendar) {
  process.stdout.write(
    `  ${result.name}: ${result.perSecond.toLocaleString('en-US')} /s (${result.operations.toLocaleString('en-US')} in ${result.seconds.toFixed(2)} s)\n`,
  );
}

const report = { date: new Date().toISOString(), smoke: values.smoke, machine, calendar };
const dir = path.join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
const file = path.join(dir, `${values.smoke ? 'smoke' : 'full'}-${report.date.replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`results: ${path.relative(process.cwd(), file)}\n`);
