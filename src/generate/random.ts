/** A small seeded generator (mulberry32): the same seed gives the same province, run after run. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Cumulative weights of a Zipf law over n ranks: a few procedures take most dossiers, a long tail takes the rest. */
export function zipfTable(n: number, exponent = 1.1): Float64Array {
  const table = new Float64Array(n);
  let total = 0;
  for (let rank = 1; rank <= n; rank++) {
    total += 1 / rank ** exponent;
    table[rank - 1] = total;
  }
  for (let i = 0; i < n; i++) table[i] = (table[i] ?? 0) / total;
  return table;
}

export function sampleZipf(table: Float64Array, random: Random): number {
  const u = random.next();
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((table[mid] ?? 1) < u) low = mid + 1;
    else high = mid;
  }
  return low;
}
