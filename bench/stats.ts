// Summary statistics of repeated measurements: median and spread (min–max and IQR).

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation; equal to min/max for n < 4). */
  q1: number;
  q3: number;
  n: number;
}

export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) return { median: NaN, min: NaN, max: NaN, q1: NaN, q3: NaN, n: 0 };
  const s = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    min: s[0]!,
    max: s[s.length - 1]!,
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
    n: s.length,
  };
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(samples: readonly number[]): number {
  return spread(samples).median;
}

/** Per-key median of count maps (a key absent from a sample counts as 0 there). */
export function medianCounts(samples: readonly Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))].sort();
  return Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s[k] ?? 0))]));
}

export function sumCounts(c: Record<string, number>): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

/** Calls between two counter snapshots: the same helper berth itself uses. */
export { callsSince as diffCounts } from '../src/aws/call-counts.js';
