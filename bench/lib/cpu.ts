import { readdir, readFile } from 'node:fs/promises';
import type { Summary } from './stats.js';

/** CPU time spent on a path, in ms per operation, by the processes that share the machine's cores. */
export interface CpuPerOperation {
  server: number;
  database: number;
  generator: number;
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  comm: string;
  ppid: number;
  /** Own user + system time, in ticks. */
  own: number;
  /** User + system time of its waited-for children, in ticks (a database backend's, once it has exited). */
  children: number;
}

async function procStat(pid: string): Promise<ProcStat | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!text) return null;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const at = (i: number) => Number(fields[i] ?? 0);
  // After the name: state, ppid, …, utime (index 11), stime, cutime, cstime.
  return { comm: text.slice(open + 1, close), ppid: at(1), own: at(11) + at(12), children: at(13) + at(14) };
}

/**
 * The database's CPU time so far, in ticks: the bench's postmaster and its live children, plus what the
 * postmaster has collected from the backends that exited (a client that disconnects would take its backend's
 * time with it otherwise). Other PostgreSQL clusters on the machine are not counted.
 */
async function databaseTicks(postmaster: number): Promise<number | null> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const stats = await Promise.all(pids.map(async (pid) => ({ pid: Number(pid), stat: await procStat(pid) })));
  const main = stats.find((s) => s.pid === postmaster)?.stat;
  if (main?.comm !== 'postgres') return null;
  let ticks = main.own + main.children;
  for (const { stat } of stats) if (stat?.ppid === postmaster) ticks += stat.own;
  return ticks;
}

/** The embedded cluster's postmaster, from its pid file; null for a database elsewhere (not measured). */
export async function postmasterOf(dataDir: string): Promise<number | null> {
  const text = await readFile(`${dataDir}/pg/postmaster.pid`, 'utf8').catch(() => null);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function serverTicks(pids: number[]): Promise<number> {
  const stats = await Promise.all(pids.map((pid) => procStat(String(pid))));
  return stats.reduce((sum, s) => sum + (s?.own ?? 0), 0);
}

/**
 * Runs a measured path and says how much CPU it cost per operation: the server processes (none for the raw
 * side), the database, and this load generator. On a machine whose few cores all three share, these costs add
 * up to the path's throughput limit, so they show where a gap between the app and its raw twin comes from.
 * Linux only (/proc); elsewhere the figures are left out.
 */
export async function withCpu(
  processes: { servers: number[]; postmaster: number | null },
  run: () => Promise<Summary>,
): Promise<Summary> {
  const database = () => (processes.postmaster ? databaseTicks(processes.postmaster) : Promise.resolve(null));
  const before = await Promise.all([serverTicks(processes.servers), database()]);
  const generatorBefore = process.cpuUsage();
  const summary = await run();
  const generator = process.cpuUsage(generatorBefore);
  const after = await Promise.all([serverTicks(processes.servers), database()]);
  if (before[1] === null || after[1] === null || summary.operations === 0) return summary;
  const perOperation = (ms: number) => Math.round((ms / summary.operations) * 100) / 100;
  const ticksToMs = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  return {
    ...summary,
    cpu: {
      server: perOperation(ticksToMs(after[0] - before[0])),
      database: perOperation(ticksToMs(after[1] - before[1])),
      generator: perOperation((generator.user + generator.system) / 1000),
    },
  };
}
