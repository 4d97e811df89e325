import { addWorkingTime, dueAfterWorkingDays } from '../src/calendar/deadline.js';
import { shippedClock } from '../src/calendar/test-clock.js';

export interface CalendarBenchResult {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
}

/** Deterministic pseudo-random numbers so every run computes the same deadlines. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function measure(name: string, durationMs: number, work: (i: number) => number): CalendarBenchResult {
  let operations = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(durationMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 10_000; i++) sink ^= work(operations + i);
    operations += 10_000;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - start) / 1e9;
  if (sink === 0.5) process.stdout.write('');
  return { name, operations, seconds, perSecond: Math.round(operations / seconds) };
}

/** Due-date computations per second on one core (one Node thread), over instants spread 2020–2040. */
export function benchCalendar(durationMs: number): CalendarBenchResult[] {
  const random = lcg(42);
  const from = Date.parse('2020-01-01T00:00:00+07:00');
  const span = Date.parse('2040-12-31T00:00:00+07:00') - from;
  const instants = Float64Array.from({ length: 65_536 }, () => from + Math.floor(random() * span));
  const days = Int32Array.from({ length: 65_536 }, () => 1 + Math.floor(random() * 30));
  const hours = shippedClock.hours;
  for (let year = 2020; year <= 2041; year++)
    shippedClock.calendar.isWorkingDay(Date.UTC(year, 0, 1) / 86_400_000);
  return [
    measure('dueAfterWorkingDays (legal period, 1–30 working days)', durationMs, (i) =>
      dueAfterWorkingDays(shippedClock, instants[i & 65_535] ?? 0, days[i & 65_535] ?? 1),
    ),
    measure('addWorkingTime (step budget, 0.5–15 working days)', durationMs, (i) =>
      addWorkingTime(shippedClock, instants[i & 65_535] ?? 0, ((days[i & 65_535] ?? 1) * hours.dayMs) / 2),
    ),
  ];
}
