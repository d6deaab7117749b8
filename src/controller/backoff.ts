// Delays between cycles. Intervals get jitter so many controllers polling one git host do not
// fall into step; failures back off exponentially ("full jitter": a random delay up to the cap).

/** Returns a number in [0, 1). Injected so tests decide the jitter. */
export type Random = () => number;

export interface BackoffOptions {
  /** Delay cap of the first retry. */
  initialMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
  /** Growth per failure. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 5_000, maxMs: 300_000, factor: 2 };

/**
 * Delay before retry number `attempt` (1 = first retry): uniformly random between half the
 * exponential cap and the cap, so retries spread out but never come back immediately.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: Random): number {
  const n = Math.max(1, Math.floor(attempt));
  const cap = Math.min(opts.maxMs, opts.initialMs * opts.factor ** (n - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** `intervalMs` moved by up to ±fraction of itself (fraction 0.1 → 54–66 s for a minute). */
export function jittered(intervalMs: number, fraction: number, random: Random): number {
  const f = Math.min(Math.max(fraction, 0), 1);
  return Math.max(1, Math.round(intervalMs * (1 - f + 2 * f * random())));
}
