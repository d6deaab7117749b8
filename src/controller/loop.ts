// The controller: a loop around reconcileOnce. It decides when cycles run (start-up, poll
// interval, resync interval, webhook, file watch, retry after backoff), runs one at a time,
// and stops gracefully. Time, sleep and randomness are injected so tests run it on fake time.
import type { Logger } from 'pino';
import type { Clock } from '../run/clock.js';
import type { Source } from '../source/source.js';
import { backoffDelay, jittered, type BackoffOptions, type Random } from './backoff.js';
import { driftReport, type DriftReport } from './drift-report.js';
import { idleCycle, reconcileOnce, type CycleResult, type ReconcileDeps } from './reconcile-once.js';
import { CoalescingRunner } from './single-flight.js';
import { ControllerMemory, type ControllerStatus } from './status.js';
import { needsFullCycle, onlyTimers, type Trigger, type TriggerKind } from './triggers.js';

export interface LoopSettings {
  /** How often the remote is polled (ls-remote). */
  intervalMs: number;
  /** How often live state is re-read without a new commit (drift detection). */
  resyncMs: number;
  /** ± fraction of jitter on both intervals. */
  jitter: number;
  backoff: BackoffOptions;
  /** Longest wait for the cycle in flight when stopping. */
  shutdownMs: number;
  /**
   * false: this loop does not poll the source itself; whoever shares the source with other
   * environments (controller/fleet.ts) fetches once and asks each loop for a 'poll' cycle.
   */
  poll?: boolean;
}

export interface ControllerDeps extends Omit<ReconcileDeps, 'memory' | 'signal' | 'now'> {
  source: Source;
  clock: Clock;
  random: Random;
  log: Logger;
  settings: LoopSettings;
  memory?: ControllerMemory;
  /** The cycle itself; tests of the loop's timing replace it. */
  reconcile?: typeof reconcileOnce;
}

export class Controller {
  readonly memory: ControllerMemory;
  private readonly runner: CoalescingRunner<Trigger, CycleResult>;
  private readonly stopping = new AbortController();
  private failures = 0;
  private backoffUntil = 0;
  private retryPending = false;
  private readonly loops: Promise<void>[] = [];
  private unwatch: (() => Promise<void>) | undefined;

  constructor(private readonly deps: ControllerDeps) {
    this.memory = deps.memory ?? new ControllerMemory();
    this.runner = new CoalescingRunner((triggers) => this.cycle(triggers));
  }

  /** Asks for a cycle; resolves with the result of the cycle that covered the ask. */
  trigger(kind: TriggerKind, detail?: string): Promise<CycleResult> {
    return this.runner.request({ kind, ...(detail ? { detail } : {}) });
  }

  /** Starts the timers (and the file watch) and the first cycle. */
  start(): void {
    const s = this.deps.settings;
    void this.trigger('startup');
    if (this.deps.source.watch) this.unwatch = this.deps.source.watch(() => void this.trigger('watch'));
    else if (s.poll !== false) this.loops.push(this.every('poll', s.intervalMs));
    this.loops.push(this.every('resync', s.resyncMs));
  }

  /**
   * Stops starting anything new (timers, cycles, apply jobs), lets the AWS call in flight
   * finish, and waits at most shutdownMs. Resolves true when the last cycle ended in time.
   */
  async stop(): Promise<boolean> {
    this.stopping.abort();
    await this.unwatch?.().catch(() => undefined);
    const timeout = new AbortController();
    const clean = await Promise.race([
      this.runner.idle().then(() => true),
      this.deps.clock.sleep(this.deps.settings.shutdownMs, timeout.signal).then(() => false),
    ]);
    timeout.abort();
    await Promise.allSettled(this.loops);
    await this.deps.source.close?.();
    return clean;
  }

  /** Resolves once no cycle runs or waits. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  get ready(): boolean {
    return this.memory.ready;
  }

  status(): ControllerStatus {
    const status = this.memory.status(this.deps.source.description);
    // Without a lease a controller is the only writer, so the leader.
    return { ...status, ...(this.deps.leader?.status() ?? { leader: true, lease: null, leaseError: null }) };
  }

  driftReport(): DriftReport {
    const desired = this.memory.lastGood?.desired;
    return driftReport(this.memory.drift.entries(), {
      now: new Date(this.deps.clock.now()),
      ...(desired ? { owner: desired.owner, scheduleGroup: desired.scheduleGroup } : {}),
      ...(this.memory.lastGood ? { revision: this.memory.lastGood.revision } : {}),
    });
  }

  private async cycle(triggers: Trigger[]): Promise<CycleResult> {
    const now = this.deps.clock.now();
    if (this.stopping.signal.aborted) return idleCycle('interrupted', now, triggers);
    // While backing off, timer ticks wait for the retry; a push or an edit goes ahead.
    if (onlyTimers(triggers) && now < this.backoffUntil) return idleCycle('skipped', now, triggers);

    const reconcile = this.deps.reconcile ?? reconcileOnce;
    const deps = {
      ...this.deps,
      memory: this.memory,
      now: () => this.deps.clock.now(),
      signal: this.stopping.signal,
    };
    // reconcileOnce reports failures as outcomes; a throw is a bug, and must not stop the loop.
    const result = await reconcile(deps, this.deps.source, {
      force: needsFullCycle(triggers),
      triggers,
    }).catch((err: unknown): CycleResult => {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      this.deps.log.error({ error }, 'cycle crashed');
      return { ...idleCycle('failed', now, triggers), error };
    });
    this.afterCycle(result);
    return result;
  }

  private afterCycle(r: CycleResult): void {
    const { decisions: _d, apply: _a, drift: _x, ...summary } = r;
    if (r.outcome !== 'skipped') this.deps.log.info(summary, 'cycle');
    if (r.outcome === 'failed') {
      this.failures += 1;
      const delay = backoffDelay(this.failures, this.deps.settings.backoff, this.deps.random);
      this.backoffUntil = this.deps.clock.now() + delay;
      this.deps.log.warn(
        { failures: this.failures, retryInMs: delay, error: r.error },
        'cycle failed: backing off',
      );
      this.scheduleRetry(delay);
    } else if (r.outcome !== 'interrupted') {
      this.failures = 0;
      this.backoffUntil = 0;
    }
  }

  private scheduleRetry(delay: number): void {
    if (this.retryPending) return;
    this.retryPending = true;
    void this.deps.clock.sleep(delay, this.stopping.signal).then(() => {
      this.retryPending = false;
      if (!this.stopping.signal.aborted) void this.trigger('retry');
    });
  }

  private async every(kind: TriggerKind, periodMs: number): Promise<void> {
    const { jitter } = this.deps.settings;
    while (!this.stopping.signal.aborted) {
      await this.deps.clock.sleep(jittered(periodMs, jitter, this.deps.random), this.stopping.signal);
      if (this.stopping.signal.aborted) break;
      void this.trigger(kind);
    }
  }
}
