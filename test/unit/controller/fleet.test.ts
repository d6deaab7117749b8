// Several environments' loops on one shared source: one fetch per interval for all, a cycle for
// each on a new head or a push, and an environment that hangs delays no other.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../src/controller/backoff.js';
import { ControllerFleet } from '../../../src/controller/fleet.js';
import { Controller } from '../../../src/controller/loop.js';
import { NO_METRICS } from '../../../src/controller/metrics.js';
import { idleCycle, type CycleResult } from '../../../src/controller/reconcile-once.js';
import { SharedSource } from '../../../src/controller/shared-source.js';
import { MemoryLiveCache } from '../../../src/live/index.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { Source, SourceSnapshot } from '../../../src/source/source.js';
import { FakeClock, settle } from './fake-clock.js';

const MIN = 60_000;

class MovingSource implements Source {
  readonly description = 'fake';
  fetches = 0;
  head = 'r1';
  async sync(): Promise<SourceSnapshot> {
    this.fetches += 1;
    return { revision: this.head, id: this.head, dir: '/clone' };
  }
}

function fleetOf(names: string[], opts: { hang?: string; watched?: boolean } = {}) {
  const clock = new FakeClock();
  const inner = new MovingSource();
  const shared = new SharedSource(inner);
  const seen: { env: string; triggers: string[]; revision: string }[] = [];
  const loops = new Map<string, Controller>();
  for (const env of names) {
    const view = shared.view();
    loops.set(
      env,
      new Controller({
        source: view.source,
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
          resyncMs: 60 * MIN,
          jitter: 0,
          backoff: DEFAULT_BACKOFF,
          shutdownMs: 1_000,
          poll: false,
        },
        // The cycle reads the source as reconcileOnce does (sync, then evaluate a new snapshot).
        reconcile: async (_deps, source, o = {}): Promise<CycleResult> => {
          const snap = await source.sync();
          await view.evaluate(snap.dir, { revision: snap.revision });
          seen.push({ env, triggers: (o.triggers ?? []).map((t) => t.kind), revision: snap.revision });
          if (env === opts.hang && seen.filter((s) => s.env === env).length > 1)
            await new Promise(() => undefined);
          return { ...idleCycle('skipped', clock.now(), o.triggers ?? []), outcome: 'synced' };
        },
      }),
    );
  }
  // The evaluation itself is not under test here.
  (shared as unknown as { evaluate: () => Promise<object> }).evaluate = async () => ({});
  const watch = { onChange: (): void => undefined, stopped: false };
  const fleet = new ControllerFleet({
    source: shared,
    loops,
    clock,
    random: () => 0.5,
    intervalMs: MIN,
    jitter: 0,
    ...(opts.watched
      ? {
          watch: (onChange: () => void) => {
            watch.onChange = onChange;
            return async () => void (watch.stopped = true);
          },
        }
      : {}),
  });
  return { clock, inner, seen, fleet, watch };
}

describe('ControllerFleet', () => {
  it('fetches once per interval for every environment and cycles each on a new head', async () => {
    const { clock, inner, seen, fleet } = fleetOf(['dev', 'prod']);
    fleet.start();
    await settle(20);
    expect(seen.map((s) => `${s.env} ${s.triggers.join()} ${s.revision}`).sort()).toEqual([
      'dev startup r1',
      'prod startup r1',
    ]);
    expect(inner.fetches).toBe(1);
    // An unchanged head: one fetch, no cycle.
    await clock.advance(MIN);
    await settle(20);
    expect(inner.fetches).toBe(2);
    expect(seen).toHaveLength(2);
    inner.head = 'r2';
    await clock.advance(MIN);
    await settle(20);
    expect(inner.fetches).toBe(3);
    expect(
      seen
        .slice(2)
        .map((s) => `${s.env} ${s.triggers.join()} ${s.revision}`)
        .sort(),
    ).toEqual(['dev poll r2', 'prod poll r2']);
    await fleet.stop();
  });

  it('a push fetches once and runs a cycle in every environment; a hung one delays no other', async () => {
    const { inner, seen, fleet } = fleetOf(['dev', 'prod'], { hang: 'dev' });
    fleet.start();
    await settle(20);
    inner.head = 'r2';
    void fleet.trigger('webhook', 'r2');
    await settle(20);
    expect(inner.fetches).toBe(2);
    expect(
      seen
        .filter((s) => s.revision === 'r2')
        .map((s) => s.env)
        .sort(),
    ).toEqual(['dev', 'prod']);
    // dev now hangs in its cycle; prod still gets the next push.
    inner.head = 'r3';
    void fleet.trigger('webhook', 'r3');
    await settle(20);
    expect(seen.filter((s) => s.revision === 'r3').map((s) => s.env)).toEqual(['prod']);
    expect(inner.fetches).toBe(3);
  });

  it('a watched directory: a change is read once and cycles every environment; no polling', async () => {
    const { clock, inner, seen, fleet, watch } = fleetOf(['dev', 'prod'], { watched: true });
    fleet.start();
    await settle(20);
    await clock.advance(5 * MIN);
    await settle(20);
    expect(inner.fetches).toBe(1);
    inner.head = 'edit-1';
    watch.onChange();
    await settle(20);
    expect(inner.fetches).toBe(2);
    expect(
      seen
        .slice(2)
        .map((s) => `${s.env} ${s.triggers.join()} ${s.revision}`)
        .sort(),
    ).toEqual(['dev watch edit-1', 'prod watch edit-1']);
    await fleet.stop();
    expect(watch.stopped).toBe(true);
  });
});
