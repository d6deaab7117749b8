import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/logger.js';
import type { Alert, Notifier } from '../../../src/notify/alert.js';
import { Deduper } from '../../../src/notify/dedupe.js';
import { AlertDispatcher, type DeliveryResult } from '../../../src/notify/dispatcher.js';
import { AlertRateLimiter } from '../../../src/notify/rate-limit.js';
import { withRetries } from '../../../src/notify/retry.js';
import { alert } from './support.js';

describe('Deduper', () => {
  it('admits a fingerprint once per repeat window', () => {
    let t = 0;
    const d = new Deduper(1_000, () => t);
    expect(d.admit('x')).toBe(true);
    expect(d.admit('x')).toBe(false);
    expect(d.admit('y')).toBe(true);
    t = 999;
    expect(d.admit('x')).toBe(false);
    t = 1_000;
    expect(d.admit('x')).toBe(true);
  });

  it('admits again at once after forget', () => {
    const d = new Deduper(60_000, () => 0);
    d.admit('x');
    d.forget('x');
    expect(d.admit('x')).toBe(true);
  });
});

describe('AlertRateLimiter', () => {
  it('allows a burst, then refills at the rate per minute', () => {
    let t = 0;
    const r = new AlertRateLimiter(6, 3, () => t);
    expect([r.tryTake(), r.tryTake(), r.tryTake(), r.tryTake()]).toEqual([true, true, true, false]);
    t = 9_999;
    expect(r.tryTake()).toBe(false);
    t = 10_000;
    expect(r.tryTake()).toBe(true);
    t = 10 * 60_000;
    expect([r.tryTake(), r.tryTake(), r.tryTake(), r.tryTake()]).toEqual([true, true, true, false]);
  });
});

describe('withRetries', () => {
  it('retries with doubling jittered pauses and reports the attempts', async () => {
    const pauses: number[] = [];
    let n = 0;
    const r = await withRetries(
      async () => {
        n += 1;
        if (n < 3) throw new Error(`fail ${n}`);
        return 'ok';
      },
      { attempts: 4, delayMs: 100, sleep: async (ms) => void pauses.push(ms), random: () => 1 },
    );
    expect(r).toEqual({ ok: true, value: 'ok', attempts: 3 });
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const r = await withRetries(async (a) => Promise.reject(new Error(`fail ${a}`)), {
      attempts: 3,
      delayMs: 1,
      sleep: async () => undefined,
      random: () => 0,
    });
    expect(r.ok).toBe(false);
    expect(r.attempts).toBe(3);
    expect(!r.ok && (r.error as Error).message).toBe('fail 3');
  });
});

class FakeNotifier implements Notifier {
  readonly target = 'fake://host/***';
  sent: Alert[] = [];
  calls = 0;
  constructor(
    readonly name: string,
    private failures = 0,
    private readonly gate?: Promise<void>,
  ) {}
  async send(a: Alert): Promise<void> {
    this.calls += 1;
    if (this.gate) await this.gate;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('HTTP 500');
    }
    this.sent.push(a);
  }
}

function dispatcher(notifiers: Notifier[], results: [string, DeliveryResult][] = [], over = {}) {
  let t = 0;
  return {
    advance: (ms: number) => (t += ms),
    d: new AlertDispatcher({
      notifiers,
      log: silentLogger(),
      now: () => t,
      sleep: async () => undefined,
      random: () => 0,
      onDelivery: (n, r) => results.push([n, r]),
      ...over,
    }),
  };
}

describe('AlertDispatcher', () => {
  it('delivers to every notifier without making the caller wait', async () => {
    let open!: () => void;
    const slow = new FakeNotifier('slow', 0, new Promise<void>((r) => (open = r)));
    const fast = new FakeNotifier('fast');
    const { d } = dispatcher([slow, fast]);
    d.send(alert());
    expect(slow.sent).toHaveLength(0);
    open();
    await d.flush();
    expect(slow.sent).toHaveLength(1);
    expect(fast.sent).toHaveLength(1);
  });

  it('deduplicates by fingerprint: the same drift every cycle is one delivery', async () => {
    const n = new FakeNotifier('webhook');
    const results: [string, DeliveryResult][] = [];
    const { d } = dispatcher([n], results);
    for (let i = 0; i < 3; i++) d.send(alert({ at: `2026-01-0${i + 1}T00:00:00.000Z` }));
    await d.flush();
    expect(n.sent).toHaveLength(1);
    expect(results).toEqual([
      ['-', 'deduplicated'],
      ['-', 'deduplicated'],
      ['webhook', 'delivered'],
    ]);
  });

  it('retries failed deliveries, then logs and drops them', async () => {
    const flaky = new FakeNotifier('flaky', 2);
    const dead = new FakeNotifier('dead', 99);
    const results: [string, DeliveryResult][] = [];
    const { d } = dispatcher([flaky, dead], results, { attempts: 3 });
    d.send(alert());
    await d.flush();
    expect(flaky.sent).toHaveLength(1);
    expect(flaky.calls).toBe(3);
    expect(dead.calls).toBe(3);
    expect(results.sort()).toEqual([
      ['dead', 'failed'],
      ['flaky', 'delivered'],
    ]);
  });

  it('rate-limits a storm of distinct alerts', async () => {
    const n = new FakeNotifier('webhook');
    const results: [string, DeliveryResult][] = [];
    const { d } = dispatcher([n], results, { burst: 2, perMinute: 1 });
    for (let i = 0; i < 5; i++) d.send(alert({ fingerprint: `fp-${i}` }));
    await d.flush();
    expect(n.sent.map((a) => a.fingerprint)).toEqual(['fp-0', 'fp-1']);
    expect(results.filter(([, r]) => r === 'rate-limited')).toHaveLength(3);
  });

  it('retries an alert the rate limit dropped on the next cycle, not after the repeat window', async () => {
    const n = new FakeNotifier('webhook');
    const results: [string, DeliveryResult][] = [];
    const { d, advance } = dispatcher([n], results, { perMinute: 1, burst: 1 });
    d.send(alert({ fingerprint: 'first' }));
    d.send(alert({ fingerprint: 'dropped', job: 'b' }));
    expect(results.map(([, r]) => r)).toEqual(['rate-limited']);
    advance(60_000);
    d.send(alert({ fingerprint: 'dropped', job: 'b' }));
    await d.flush();
    expect(n.sent.map((a) => a.job)).toEqual(['a', 'b']);
  });

  it("one environment's alert storm does not drop another environment's alerts", async () => {
    const n = new FakeNotifier('webhook');
    const results: [string, DeliveryResult][] = [];
    const { d } = dispatcher([n], results, { perMinute: 1, burst: 2 });
    for (let i = 0; i < 5; i++) d.send(alert({ environment: 'dev', fingerprint: `dev-${i}`, job: `d${i}` }));
    d.send(alert({ environment: 'prod', fingerprint: 'prod-0', job: 'p0' }));
    d.send(alert({ environment: 'prod', fingerprint: 'prod-1', job: 'p1' }));
    await d.flush();
    expect(n.sent.map((a) => a.job)).toEqual(['d0', 'd1', 'p0', 'p1']);
    expect(results.filter(([, r]) => r === 'rate-limited')).toHaveLength(3);
  });

  it('sends again after forget (the condition ended and came back)', async () => {
    const n = new FakeNotifier('webhook');
    const { d } = dispatcher([n]);
    d.send(alert());
    d.forget('fp-1');
    d.send(alert());
    await d.flush();
    expect(n.sent).toHaveLength(2);
  });

  it('drops muted kinds before dedupe and delivery (the deploy notice is opt-in)', async () => {
    const n = new FakeNotifier('webhook');
    const results: [string, DeliveryResult][] = [];
    const { d } = dispatcher([n], results, { muted: ['deploy-succeeded'] });
    d.send(alert({ kind: 'deploy-succeeded', fingerprint: 'fp-d' }));
    d.send(alert({ kind: 'conflict-detected', fingerprint: 'fp-c' }));
    await d.flush();
    expect(n.sent.map((a) => a.kind)).toEqual(['conflict-detected']);
    expect(results).toEqual([['webhook', 'delivered']]);
  });

  it('masks known secrets in every alert before it leaves, keeping the fingerprint', async () => {
    const n = new FakeNotifier('webhook');
    const { scrubStrings, secretMask } = await import('../../../src/log/scrub.js');
    const mask = secretMask(['s3cret-token-value']);
    const { d } = dispatcher([n], [], { redact: (a: Alert) => scrubStrings(a, mask) });
    d.send(
      alert({
        kind: 'apply-failed',
        title: 'Apply failed: s3cret-token-value',
        lines: ['POST https://user:pw@example.com/x failed', 'token s3cret-token-value'],
        data: { error: { message: 'bad s3cret-token-value' } },
        fingerprint: 'fp-s',
      }),
    );
    await d.flush();
    const text = JSON.stringify(n.sent);
    expect(text).not.toContain('s3cret-token-value');
    expect(text).not.toContain('user:pw');
    expect(n.sent[0]!.title).toBe('Apply failed: [redacted]');
    expect(n.sent[0]!.fingerprint).toBe('fp-s');
  });
});
