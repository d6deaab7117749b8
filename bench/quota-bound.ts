// The time AWS's quotas make possible for a mix of calls: each operation may spend its bucket at
// once and then waits for the refill, so N calls of it take at least (N - burst) / rate seconds;
// the slowest operation bounds the whole run (operations draw from separate buckets).
import { AWS_QUOTAS, lookup } from '../src/aws/quotas.js';

export function quotaBoundMs(calls: Record<string, number>): number {
  let bound = 0;
  for (const [op, n] of Object.entries(calls)) {
    const q = lookup(AWS_QUOTAS, op);
    if (q && q.rate > 0) bound = Math.max(bound, (Math.max(0, n - q.burst) / q.rate) * 1000);
  }
  return bound;
}
