// The adaptive client-side pacing (src/aws/rate-limit.ts): documented quotas as the start, a
// burst that leaves AWS's bucket a margin, multiplicative decrease on throttling, additive
// recovery. The last tests run the limiter against AWS's token bucket (test/support) in
// simulated time, with network jitter and with a second client sharing the account.
import { describe, expect, it } from 'vitest';
import { AWS_QUOTAS } from '../../../src/aws/quotas.js';
import { clientBurst, DEFAULT_RATE_LIMITS, RateLimiter } from '../../../src/aws/rate-limit.js';
import { AccountBuckets } from '../../support/account-buckets.js';
import { prng } from '../../support/prng.js';

const REGISTER = 'ecs:RegisterTaskDefinition';

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

describe('RateLimiter', () => {
  it('starts from the documented quotas', () => {
    const l = new RateLimiter();
    expect(l.rateFor(REGISTER)).toBe(AWS_QUOTAS[REGISTER]!.rate);
    expect(l.rateFor('ecs:DescribeTaskDefinition')).toBe(20);
    expect(l.rateFor('scheduler:CreateSchedule')).toBe(1000);
    expect(l.rateFor('scheduler:ListSchedules')).toBe(50);
    // A service without a documented figure (verify's reference clients) gets the generic 20/s.
    expect(l.rateFor('iam:GetRole')).toBe(DEFAULT_RATE_LIMITS['*']);
    expect(new RateLimiter({ 'ecs:*': 0 }).rateFor('ecs:DescribeTaskDefinition')).toBeUndefined();
  });

  it('bursts up to the bucket less a margin, then paces at the rate', () => {
    const c = clock();
    const l = new RateLimiter({}, c.now);
    const burst = clientBurst(1, 20);
    expect(burst).toBe(18);
    const waits = Array.from({ length: burst + 2 }, () => l.reserve(REGISTER));
    expect(waits.slice(0, burst)).toEqual(Array(burst).fill(0));
    expect(waits.slice(burst)).toEqual([1000, 2000]);
  });

  it('halves the rate on a throttle (once per interval), then wins it back a step per success', () => {
    const c = clock();
    const l = new RateLimiter({ [REGISTER]: 2 }, c.now);
    l.onThrottle(REGISTER);
    // Three requests in flight came back throttled together: one cut, not three.
    l.onThrottle(REGISTER);
    l.onThrottle(REGISTER);
    expect(l.snapshot()[REGISTER]).toEqual({ rate: 1, ceiling: 2, throttles: 3 });
    // No burst after a throttle: the next request waits a full interval at the new rate.
    expect(l.reserve(REGISTER)).toBe(1000);
    c.t = 5000;
    l.onThrottle(REGISTER);
    expect(l.snapshot()[REGISTER]!.rate).toBe(0.5);
    for (let i = 0; i < 30; i++) l.onSuccess(REGISTER);
    expect(l.snapshot()[REGISTER]!.rate).toBe(2);
  });

  it('never falls below a floor of the configured rate', () => {
    const c = clock();
    const l = new RateLimiter({}, c.now);
    for (let i = 0; i < 20; i++) {
      c.t += 60_000;
      l.onThrottle(REGISTER);
    }
    expect(l.snapshot()[REGISTER]!.rate).toBe(1 / 32);
  });
});

/**
 * Clients sending `n` requests each through one limiter apiece against one account bucket, in
 * simulated time: each request waits for its slot, travels half a latency, takes a token (or is
 * throttled and retried), and comes back after the other half.
 */
function simulate(clients: number, n: number, seed = 7, adaptive = true) {
  const t = { now: 0 };
  const rand = prng(seed);
  const account = new AccountBuckets({ [REGISTER]: AWS_QUOTAS[REGISTER]! }, () => t.now);
  const events: { at: number; run: () => void }[] = [];
  const at = (when: number, run: () => void) => {
    events.push({ at: when, run });
    events.sort((a, b) => a.at - b.at);
  };
  let done = 0;
  let finishedAt = 0;
  for (let k = 0; k < clients; k++) {
    const limiter = new RateLimiter({}, () => t.now);
    let left = n;
    const send = () => {
      const start = t.now + limiter.reserve(REGISTER);
      const half = (30 + rand() * 70) / 2;
      at(start + half, () => {
        const ok = account.take(REGISTER);
        at(t.now + half, () => {
          if (ok) {
            limiter.onSuccess(REGISTER);
            left -= 1;
          } else if (adaptive) limiter.onThrottle(REGISTER);
          if (left > 0) send();
          else {
            done += 1;
            finishedAt = t.now;
          }
        });
      });
    };
    send();
  }
  while (events.length) {
    const e = events.shift()!;
    t.now = e.at;
    e.run();
  }
  expect(done).toBe(clients);
  return { seconds: finishedAt / 1000, throttled: account.throttled() };
}

describe('RateLimiter against the account bucket (simulated time)', () => {
  it('one client at the documented quota is never throttled and stays near the bound', () => {
    const { seconds, throttled } = simulate(1, 200);
    // The quotas allow 20 at once and 1/s after: 180 s for 200 requests.
    expect(throttled).toBe(0);
    expect(seconds).toBeGreaterThan(180);
    expect(seconds / 180).toBeLessThan(1.05);
  });

  it('two clients sharing the account back off: few throttles, the quota still used', () => {
    const { seconds, throttled } = simulate(2, 100);
    // 200 requests, 20 at once and 1/s after: at best 180 s whoever sends them.
    expect(seconds / 180).toBeLessThan(1.1);
    // Two fixed-rate clients (no back-off) each send at the full quota: about every other
    // request comes back throttled. Adapting cuts that several times over.
    const fixed = simulate(2, 100, 7, false);
    expect(fixed.throttled).toBeGreaterThan(100);
    expect(throttled).toBeLessThan(fixed.throttled / 4);
  });
});
