// Full or light read: light only when the cache holds a full listing of this scope younger than
// the interval and no one asked for a full one. Pure (the clock is the caller's).
import type { FullReadMark, ReadPolicy } from './cache.js';

export type FullReadReason = 'cold' | 'forced' | 'interval' | 'many-families';

export type ReadDecision = { kind: 'light' } | { kind: 'full'; reason: FullReadReason };

export function decideRead(
  policy: Pick<ReadPolicy, 'fullReadIntervalMs' | 'forceFullRead'>,
  last: FullReadMark | undefined,
  nowMs: number,
): ReadDecision {
  if (policy.forceFullRead) return { kind: 'full', reason: 'forced' };
  if (!last) return { kind: 'full', reason: 'cold' };
  const age = nowMs - Date.parse(last.at);
  // A clock that went back (age < 0) proves nothing about the listing's age.
  if (!(age >= 0 && age < policy.fullReadIntervalMs)) return { kind: 'full', reason: 'interval' };
  return { kind: 'light' };
}

/**
 * A light read that would list more families one by one than the last full listing took pages
 * (say, after berth registered into every family) costs more than a full read: do that instead.
 */
export function tooManyToList(exact: number, last: FullReadMark | undefined): boolean {
  return exact > Math.max(1, last?.pages ?? 0);
}
