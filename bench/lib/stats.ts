import type { CpuPerOperation } from './cpu.js';
export interface Summary {
  operations: number;
  /** CPU ms per operation by the server(s), the database and the load generator, where it was measured. */
  cpu?: CpuPerOperation;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 1000) / 1000;
}

export function summarise(latenciesMs: number[], seconds: number, errors: number): Summary {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    operations: latenciesMs.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(latenciesMs.length / seconds),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
  };
}
