import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../src/controller/backoff.js';
import { Controller, type ControllerDeps } from '../../../src/controller/loop.js';
import { NO_METRICS } from '../../../src/controller/metrics.js';
import {
  idleCycle,
  type CycleResult,
  type ReconcileDeps,
  type ReconcileOptions,
} from '../../../src/controller/reconcile-once.js';
import type { CycleOutcome } from '../../../src/controller/status.js';
import { MemoryLiveCache } from '../../../src/live/index.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { Source } from '../../../src/source/source.js';
import { FakeClock, settle } from './fake-clock.js';

const MIN = 60_000;

interface Call {
  triggers: string[];
  force: boolean;
  at: number;
  signal: AbortSignal | undefined;
}

const source: Source = {
  description: 'fake',
  sync: async () => ({ revision: 'r1', dir: '/nowhere', id: 'r1' }),
};

function harness(outcomes: CycleOutcome[] = [], opts: { block?: Promise<void> } = {}) {
  const clock = new FakeClock();
  const calls: Call[] = [];
  const reconcile = async (
    deps: ReconcileDeps,
    _s: Source,
    o: ReconcileOptions = {},
  ): Promise<CycleResult> => {
    calls.push({
      triggers: (o.triggers ?? []).map((t) => t.kind),
      force: o.force === true,
      at: clock.now(),
      signal: deps.signal,
    });
    if (opts.block) await opts.block;
    const outcome = outcomes.shift() ?? 'synced';
    return { ...idleCycle('skipped', clock.now(), o.triggers ?? []), outcome };
  };
  const deps: ControllerDeps = {
    source,
    clock,
    random: () => 0.5,
    log: silentLogger(),
    alerts: { send: () => undefined, forget: () => undefined },
    metrics: NO_METRICS,
    cache: new MemoryLiveCache(),
    portsFor: () => {
      throw new Error('not used');
    },
    policy: { auto: true, selfHeal: false, prune: true },
    settings: {
      intervalMs: MIN,
      resyncMs: 5 * MIN,
      jitter: 0.1,
      backoff: DEFAULT_BACKOFF,
      shutdownMs: 10_000,
    },
    reconcile,
  };
  return { clock, calls, controller: new Controller(deps) };
}

describe('controller loop', () => {
  it('runs a start-up cycle, polls every interval and resyncs every resync interval', async () => {
    const { clock, calls, controller } = harness();
    controller.start();
    await clock.advance(5 * MIN);
    expect(calls[0]).toMatchObject({ triggers: ['startup'], force: true, at: 0 });
    const polls = calls.filter((c) => c.triggers.includes('poll'));
    expect(polls.map((c) => c.at)).toEqual([1, 2, 3, 4, 5].map((n) => n * MIN));
    expect(polls.every((c) => !c.force)).toBe(true);
    // Only the resync re-reads live state without a new commit.
    const resyncs = calls.filter((c) => c.triggers.includes('resync'));
    expect(resyncs.map((c) => [c.at, c.force])).toEqual([[5 * MIN, true]]);
    expect(await controller.stop()).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('jitters intervals within ±10%', async () => {
    const { clock, calls, controller } = harness();
    (controller as unknown as { deps: ControllerDeps }).deps.random = () => 0;
    controller.start();
    await clock.advance(MIN);
    expect(calls.filter((c) => c.triggers.includes('poll')).map((c) => c.at)).toEqual([54_000]);
    await controller.stop();
  });

  it('backs off after a failure: retries at the backoff delay, timer ticks wait, a webhook does not', async () => {
    // random 0.5: first retry after 3/4 of 5 s, second after 3/4 of 10 s
    const { clock, calls, controller } = harness(['failed', 'failed', 'synced']);
    (controller as unknown as { deps: ControllerDeps }).deps.settings.intervalMs = 5_000;
    controller.start();
    await clock.advance(3_749);
    expect(calls.map((c) => c.triggers[0])).toEqual(['startup']);
    await clock.advance(1);
    expect(calls.map((c) => [c.triggers[0], c.at])).toEqual([
      ['startup', 0],
      ['retry', 3_750],
    ]);
    // Next retry 7.5 s after the second failure; the 5 s and 10 s polls fall inside and are skipped.
    await clock.advance(7_500);
    expect(calls.map((c) => [c.triggers[0], c.at])).toEqual([
      ['startup', 0],
      ['retry', 3_750],
      ['retry', 11_250],
    ]);
    expect(calls[2]!.force).toBe(true);
    await controller.stop();
  });

  it('lets a webhook through while backing off', async () => {
    const { clock, calls, controller } = harness(['failed']);
    controller.start();
    await clock.advance(10);
    const r = await controller.trigger('webhook', 'abc');
    expect(r.outcome).toBe('synced');
    expect(calls.map((c) => c.triggers[0])).toEqual(['startup', 'webhook']);
    await controller.stop();
  });

  it('coalesces triggers that arrive during a cycle into one follow-up cycle', async () => {
    let release!: () => void;
    const block = new Promise<void>((r) => (release = r));
    const { calls, controller } = harness([], { block });
    const first = controller.trigger('manual');
    await settle();
    const asks = [controller.trigger('webhook'), controller.trigger('resync'), controller.trigger('webhook')];
    await settle();
    expect(calls).toHaveLength(1);
    release();
    const results = await Promise.all([first, ...asks]);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.triggers).toEqual(['webhook', 'resync', 'webhook']);
    expect(results[1]).toBe(results[2]);
    expect(results[2]).toBe(results[3]);
  });

  it('stops gracefully: aborts the signal, waits for the cycle in flight, starts nothing new', async () => {
    let release!: () => void;
    const block = new Promise<void>((r) => (release = r));
    const { clock, calls, controller } = harness([], { block });
    controller.start();
    await settle();
    const stopped = controller.stop();
    await settle();
    expect(calls[0]!.signal?.aborted).toBe(true);
    release();
    expect(await stopped).toBe(true);
    await clock.advance(10 * MIN);
    expect(calls).toHaveLength(1);
    expect((await controller.trigger('manual')).outcome).toBe('interrupted');
  });

  it('survives a cycle that throws: logs it, counts it as a failure and retries', async () => {
    const { clock, calls, controller } = harness();
    const deps = (controller as unknown as { deps: ControllerDeps }).deps;
    const working = deps.reconcile!;
    let first = true;
    deps.reconcile = async (d, s, o) => {
      if (first) {
        first = false;
        await working(d, s, o);
        throw new Error('bug');
      }
      return working(d, s, o);
    };
    const r = await controller.trigger('manual');
    expect(r).toMatchObject({ outcome: 'failed', error: expect.stringContaining('bug') });
    await clock.advance(5_000);
    expect(calls.map((c) => c.triggers[0])).toEqual(['manual', 'retry']);
    await controller.stop();
  });

  it('gives up waiting after the shutdown timeout', async () => {
    const { clock, controller } = harness([], { block: new Promise<void>(() => undefined) });
    controller.start();
    await settle();
    const stopped = controller.stop();
    await clock.advance(10_000);
    expect(await stopped).toBe(false);
  });
});
