// AWS's side of throttling: one token bucket per operation for the whole account, shared by
// every client that talks to it. A request takes a token or is throttled; tokens come back at
// the refill rate up to the capacity. Pure (the clock is a parameter), so a unit test can drive
// it with simulated time and the realistic-AWS proxy with the real one.
import { AWS_QUOTAS, lookup, type Quota } from '../../src/aws/quotas.js';

export type QuotaTable = Readonly<Record<string, Quota | null>>;

interface State {
  quota: Quota;
  tokens: number;
  at: number;
}

export interface BucketStats {
  passed: number;
  throttled: number;
}

export class AccountBuckets {
  private readonly states = new Map<string, State | null>();
  private readonly stats = new Map<string, BucketStats>();

  /** `quotas` over the documented ones (a null entry: that operation is never throttled). */
  constructor(
    private readonly quotas: QuotaTable = AWS_QUOTAS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `op` ("ecs:RegisterTaskDefinition"): false = throttled. */
  take(op: string): boolean {
    const s = this.state(op);
    const st = this.stats.get(op) ?? { passed: 0, throttled: 0 };
    this.stats.set(op, st);
    if (!s) {
      st.passed += 1;
      return true;
    }
    const now = this.now();
    s.tokens = Math.min(s.quota.burst, s.tokens + ((now - s.at) / 1000) * s.quota.rate);
    s.at = now;
    if (s.tokens >= 1) {
      s.tokens -= 1;
      st.passed += 1;
      return true;
    }
    st.throttled += 1;
    return false;
  }

  /** Requests passed and throttled, by operation. */
  counts(): Record<string, BucketStats> {
    return Object.fromEntries([...this.stats.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  throttled(): number {
    return [...this.stats.values()].reduce((n, s) => n + s.throttled, 0);
  }

  /** Full buckets again, counts cleared (a fresh account). */
  reset(): void {
    this.states.clear();
    this.stats.clear();
  }

  private state(op: string): State | null {
    let s = this.states.get(op);
    if (s === undefined) {
      const quota = lookup(this.quotas, op) ?? null;
      // A new bucket starts full, as an account that has been quiet.
      s = quota ? { quota, tokens: quota.burst, at: this.now() } : null;
      this.states.set(op, s);
    }
    return s;
  }
}
