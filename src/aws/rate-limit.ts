// Client-side rate limits per operation, so apply stays under AWS's per-account token buckets
// instead of leaning on throttling + retries. A key is "service:Operation", "service:*" or "*";
// the most specific key wins. The value is requests per second; 0 (or less) means no limit.
import type { MiddlewareStackLike } from './middleware-stack.js';
import { operationKey } from './counting-middleware.js';

/** Conservative defaults: task-definition mutations have far lower AWS quotas than reads. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
  '*': 20,
  'ecs:RegisterTaskDefinition': 1,
  'ecs:DeregisterTaskDefinition': 1,
  'ecs:DeleteTaskDefinitions': 1,
  'ecs:TagResource': 5,
  'ecs:RunTask': 5,
  'scheduler:*': 50,
  'scheduler:CreateScheduleGroup': 5,
  'scheduler:DeleteScheduleGroup': 5,
};

/** Every default switched off (tests against a local emulator, benchmarks). */
export const NO_RATE_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, 0]),
);

interface Bucket {
  /** Milliseconds between requests at the sustained rate. */
  interval: number;
  /** How far ahead of schedule a burst may run (GCRA tolerance). */
  tolerance: number;
  /** Theoretical arrival time of the next request. */
  tat: number;
}

/** Burst allowance: at least 5, so a handful of mutations never wait. */
const burstFor = (rate: number) => Math.max(5, Math.ceil(rate));

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

  /** Requests per second for an operation key, or undefined when unlimited. */
  rateFor(key: string): number | undefined {
    const service = key.split(':')[0];
    const rate = this.limits[key] ?? this.limits[`${service}:*`] ?? this.limits['*'];
    return rate !== undefined && rate > 0 && Number.isFinite(rate) ? rate : undefined;
  }

  /** Milliseconds the caller must wait before sending (0 when a token is free); books the slot. */
  reserve(key: string): number {
    const b = this.bucket(key);
    if (!b) return 0;
    const now = this.now();
    const tat = Math.max(b.tat, now);
    b.tat = tat + b.interval;
    return Math.max(0, tat - b.tolerance - now);
  }

  async take(key: string): Promise<void> {
    const wait = this.reserve(key);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private bucket(key: string): Bucket | null {
    let b = this.buckets.get(key);
    if (b === undefined) {
      const rate = this.rateFor(key);
      const interval = rate ? 1000 / rate : 0;
      b = rate ? { interval, tolerance: (burstFor(rate) - 1) * interval, tat: 0 } : null;
      this.buckets.set(key, b);
    }
    return b;
  }
}

export function addRateLimitMiddleware(
  stack: MiddlewareStackLike,
  service: string,
  limiter: RateLimiter,
): void {
  stack.add(
    (next, context) => async (args) => {
      await limiter.take(operationKey(service, context));
      return next(args);
    },
    { step: 'initialize', priority: 'normal', name: 'berthRateLimit' },
  );
}
