// Client-side pacing per operation, so berth stays inside AWS's per-account token buckets instead
// of leaning on throttling + retries. It starts at the documented quota (quotas.ts) and adapts:
// a ThrottlingException (someone else shares the account's bucket) halves the operation's rate,
// each success wins back a twentieth of it, never above the starting rate (AIMD). A key is
// "service:Operation", "service:*" or "*"; the most specific key wins; 0 means no limit.
import type { MiddlewareStackLike } from './middleware-stack.js';
import { operationKey } from './counting-middleware.js';
import { isThrottlingError } from './errors.js';
import { AWS_QUOTAS, lookup } from './quotas.js';

/** Requests per second: the documented quotas, and 20/s for services without a documented figure. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
  '*': 20,
  ...Object.fromEntries(Object.entries(AWS_QUOTAS).map(([k, q]) => [k, q.rate])),
};

/** Every default switched off (tests against a local emulator, benchmarks). */
export const NO_RATE_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, 0]),
);

/** A throttle cuts the rate to this share of what it was… */
const DECREASE = 0.5;
/** …and every success adds this share of the starting rate back. */
const INCREASE = 1 / 20;
/** The rate never falls below this share of the starting rate. */
const FLOOR = 1 / 32;

interface Bucket {
  /** The configured (documented) rate: the ceiling. */
  ceiling: number;
  /** The rate now, after throttles. */
  rate: number;
  /** Requests that may go at once at the ceiling (GCRA tolerance + 1). */
  burst: number;
  /** Theoretical arrival time of the next request. */
  tat: number;
  /** When the rate was last cut. */
  cutAt: number;
  throttles: number;
}

export interface PaceSnapshot {
  rate: number;
  ceiling: number;
  throttles: number;
}

/**
 * Burst berth allows itself: the bucket's capacity less a margin. Pacing at exactly the refill
 * rate leaves AWS's bucket near empty, and network jitter (tens of ms) then lands requests a hair
 * early: the margin keeps a token or two in AWS's bucket for that.
 */
export function clientBurst(rate: number, capacity: number): number {
  return Math.max(1, Math.floor(capacity) - 1 - Math.ceil(rate * 0.1));
}

export class RateLimiter {
  private readonly limits: Record<string, number>;
  private readonly buckets = new Map<string, Bucket | null>();

  constructor(
    overrides: Partial<Record<string, number>> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_RATE_LIMITS };
    for (const [k, v] of Object.entries(overrides)) if (v !== undefined) this.limits[k] = v;
  }

  /** Configured requests per second for an operation key, or undefined when unlimited. */
  rateFor(key: string): number | undefined {
    const rate = lookup(this.limits, key);
    return rate !== undefined && rate > 0 && Number.isFinite(rate) ? rate : undefined;
  }

  /** Milliseconds the caller must wait before sending (0 when a token is free); books the slot. */
  reserve(key: string): number {
    const b = this.bucket(key);
    if (!b) return 0;
    const now = this.now();
    const interval = 1000 / b.rate;
    // Bursts only at full speed: after a throttle, AWS's bucket is known to be empty.
    const tolerance = b.rate >= b.ceiling ? (b.burst - 1) * interval : 0;
    const tat = Math.max(b.tat, now);
    b.tat = tat + interval;
    return Math.max(0, tat - tolerance - now);
  }

  async take(key: string): Promise<void> {
    const wait = this.reserve(key);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** AWS throttled a request of `key`: multiplicative decrease (once per interval). */
  onThrottle(key: string): void {
    const b = this.bucket(key);
    if (!b) return;
    b.throttles += 1;
    const now = this.now();
    // Requests in flight when AWS's bucket ran dry all come back throttled: one signal, one cut.
    if (now - b.cutAt < Math.max(1000, 1000 / b.rate)) return;
    b.cutAt = now;
    b.rate = Math.max(b.ceiling * FLOOR, b.rate * DECREASE);
    b.tat = Math.max(b.tat, now + 1000 / b.rate);
  }

  /** A request of `key` went through: additive increase up to the configured rate. */
  onSuccess(key: string): void {
    const b = this.bucket(key);
    if (b && b.rate < b.ceiling) b.rate = Math.min(b.ceiling, b.rate + b.ceiling * INCREASE);
  }

  /** Current pace of every operation seen so far (for reports and tests). */
  snapshot(): Record<string, PaceSnapshot> {
    const out: Record<string, PaceSnapshot> = {};
    for (const [k, b] of [...this.buckets.entries()].sort(([a], [c]) => (a < c ? -1 : 1)))
      if (b) out[k] = { rate: b.rate, ceiling: b.ceiling, throttles: b.throttles };
    return out;
  }

  private bucket(key: string): Bucket | null {
    let b = this.buckets.get(key);
    if (b === undefined) {
      const rate = this.rateFor(key);
      const capacity = Math.max(lookup(AWS_QUOTAS, key)?.burst ?? 5, Math.ceil(rate ?? 0));
      b = rate
        ? { ceiling: rate, rate, burst: clientBurst(rate, capacity), tat: 0, cutAt: -Infinity, throttles: 0 }
        : null;
      this.buckets.set(key, b);
    }
    return b;
  }
}

/**
 * Paces every HTTP attempt (retries included, so a retry storm cannot flood AWS either) and feeds
 * each attempt's outcome back to the limiter. Sits just after the SDK's retry middleware.
 */
export function addRateLimitMiddleware(
  stack: MiddlewareStackLike,
  service: string,
  limiter: RateLimiter,
): void {
  stack.addRelativeTo(
    (next, context) => async (args) => {
      const key = operationKey(service, context);
      await limiter.take(key);
      try {
        const out = await next(args);
        limiter.onSuccess(key);
        return out;
      } catch (err) {
        if (isThrottlingError(err)) limiter.onThrottle(key);
        throw err;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'berthRateLimit' },
  );
}
