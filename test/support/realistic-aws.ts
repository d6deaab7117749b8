// AWS as a client meets it, in front of the emulator: every call takes 30–100 ms (a configurable
// distribution; the emulator's own time comes on top), and every operation draws from the
// account's token bucket with the documented quotas (src/aws/quotas.ts). A call over quota is
// answered as AWS answers it, before any work is done: ThrottlingException in the operation's
// protocol (ECS and EventBridge: JSON 1.1, HTTP 400 with __type; Scheduler: REST-JSON, HTTP 429
// with x-amzn-ErrorType; the shapes of fault-injector.ts, which tests check against the SDK).
// One proxy is one account: concurrent clients share its buckets, as they share AWS's.
import { AWS_QUOTAS, type Quota } from '../../src/aws/quotas.js';
import { AccountBuckets, type BucketStats } from './account-buckets.js';
import { startCountingProxy, type CountingProxy, type ProxyHookResult } from './counting-proxy.js';
import { awsError } from './fault-injector.js';
import { prng } from './prng.js';

/** Milliseconds of one call: uniform between min and max, or any distribution drawn from `rand`. */
export type Latency = { minMs: number; maxMs: number } | ((op: string, rand: () => number) => number);

export const DEFAULT_LATENCY: Latency = { minMs: 30, maxMs: 100 };

export interface RealisticSettings {
  latency?: Latency;
  /** Entries over the documented quotas; null = never throttled. */
  quotas?: Record<string, Quota | null>;
  seed?: number;
}

export interface RealisticAws {
  url: string;
  /** Requests by operation, every attempt, throttled ones included. */
  proxy: CountingProxy;
  /** Passed and throttled requests by operation. */
  stats(): Record<string, BucketStats>;
  throttled(): number;
  /** Counts cleared, buckets full again. */
  reset(): void;
  close(): Promise<void>;
}

export async function startRealisticAws(
  target: string,
  settings: RealisticSettings = {},
): Promise<RealisticAws> {
  const proxy = await startCountingProxy(target);
  const rand = prng(settings.seed ?? 1);
  const latency = settings.latency ?? DEFAULT_LATENCY;
  const draw =
    typeof latency === 'function'
      ? (op: string) => latency(op, rand)
      : () => latency.minMs + rand() * (latency.maxMs - latency.minMs);
  const buckets = new AccountBuckets({ ...AWS_QUOTAS, ...settings.quotas });

  proxy.setHook(async (_n, op): Promise<ProxyHookResult> => {
    const total = Math.max(0, draw(op));
    // Half the time on the way in (the bucket is AWS's, checked on arrival), half on the way back.
    const there = total / 2;
    await new Promise((resolve) => setTimeout(resolve, there));
    const then = buckets.take(op) ? 'pass' : throttle(op);
    return { delayMs: total - there, then };
  });

  return {
    url: proxy.url,
    proxy,
    stats: () => buckets.counts(),
    throttled: () => buckets.throttled(),
    reset: () => {
      proxy.reset();
      buckets.reset();
    },
    close: () => proxy.close(),
  };
}

/** ThrottlingException as the operation's protocol sends it. */
export function throttle(op: string) {
  return awsError(op, op.startsWith('scheduler:') ? 429 : 400, 'ThrottlingException', 'Rate exceeded');
}
