// Several environments in one controller process: one reconcile loop per environment (its own
// AWS session, lease, status, backoff and caches), fed by one shared source. The fleet fetches
// the source once per interval (or on a push, or when a watched directory changes) and asks
// every loop for a cycle; each loop then reads the snapshot without fetching. The loops run
// independently: one environment failing, throttled or slow neither stops nor waits for another.
import type { Clock } from '../run/clock.js';
import { jittered, type Random } from './backoff.js';
import type { Controller } from './loop.js';
import type { CycleResult } from './reconcile-once.js';
import type { SharedSource } from './shared-source.js';
import type { TriggerKind } from './triggers.js';

export interface FleetDeps {
  source: SharedSource;
  /** The environments' loops, by environment name (built with settings.poll false). */
  loops: ReadonlyMap<string, Controller>;
  /** Called when the source watches itself (a local directory): start a watch, return its stop. */
  watch?: (onChange: () => void) => () => Promise<void>;
  clock: Clock;
  random: Random;
  intervalMs: number;
  jitter: number;
}

export class ControllerFleet {
  private readonly stopping = new AbortController();
  private poller: Promise<void> | undefined;
  private unwatch: (() => Promise<void>) | undefined;

  constructor(private readonly deps: FleetDeps) {}

  get environments(): ReadonlyMap<string, Controller> {
    return this.deps.loops;
  }

  /** The first cycle of every loop, the resync timers, and the shared poll (or watch). */
  start(): void {
    for (const loop of this.deps.loops.values()) loop.start();
    if (this.deps.watch) this.unwatch = this.deps.watch(() => void this.fetchThenAsk('watch'));
    else this.poller = this.poll();
  }

  /**
   * A push (or an operator) for every environment: the source is fetched once, then each loop
   * runs a cycle; resolves with each environment's result.
   */
  async trigger(kind: TriggerKind, detail?: string): Promise<Map<string, CycleResult>> {
    await this.deps.source.refresh(this.stopping.signal);
    const entries = [...this.deps.loops].map(
      async ([name, loop]) => [name, await loop.trigger(kind, detail)] as const,
    );
    return new Map(await Promise.all(entries));
  }

  /** Stops every loop at once (each lets its AWS call in flight finish); true when all ended in time. */
  async stop(): Promise<boolean> {
    this.stopping.abort();
    await this.unwatch?.().catch(() => undefined);
    const clean = await Promise.all([...this.deps.loops.values()].map((l) => l.stop()));
    await this.poller;
    await this.deps.source.close();
    return clean.every(Boolean);
  }

  private async fetchThenAsk(kind: TriggerKind): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const changed = await this.deps.source.refresh(this.stopping.signal);
    // An unchanged head is nothing to plan; a loop that failed retries on its own backoff.
    if (!changed || this.stopping.signal.aborted) return;
    for (const loop of this.deps.loops.values()) void loop.trigger(kind);
  }

  private async poll(): Promise<void> {
    const { clock, intervalMs, jitter, random } = this.deps;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      await clock.sleep(jittered(intervalMs, jitter, random), signal);
      if (signal.aborted) break;
      await this.fetchThenAsk('poll');
    }
  }
}
