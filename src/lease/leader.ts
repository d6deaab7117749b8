// Leader election for controller replicas on the lease: the replica holding the lease of the
// schedule group reconciles; the others (followers) claim it every few seconds and take over
// when the leader releases it on shutdown or stops renewing it (crash, partition).
import type { Logger } from 'pino';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LeasePort, LeaseRecord } from '../model/ports.js';
import type { Clock } from '../run/clock.js';
import { describeHolder } from './describe.js';
import { leaseKey, leaseRecord, type LeaseIdentity } from './identity.js';
import { tryAcquire, type Lease } from './lease.js';
import type { Leadership, LeaderGate, LeaderStatus } from './leader-gate.js';
import { UNPROTECTED_WARNING, type LeaseChoice } from './settings.js';

export interface LeaderDeps {
  /** The lease for a desired state (flags and environment already folded in). */
  choose(desired: DesiredState): LeaseChoice;
  /** The lease table's port; `desired` says whose credentials (an environment's role) reach it. */
  portFor(table: string, region: string | undefined, desired?: DesiredState): Promise<LeasePort>;
  clock: Clock;
  log: Logger;
  identity: LeaseIdentity;
  /** Leadership changed (metrics). */
  onChange?(leader: boolean): void;
  /** This replica became leader in the background: a full cycle should run now. */
  onElected?(): void;
  /** Longest pause between a follower's claims (default 5 s; never more than ttl/3). */
  followerPollMs?: number;
}

interface Term {
  key: string;
  table: string;
  ttlMs: number;
  owner: string;
  port: LeasePort;
}

export class LeaderElection implements LeaderGate {
  private term: Term | undefined;
  private lease: Lease | undefined;
  private held: LeaseRecord | undefined;
  private error: string | undefined;
  private leader = false;
  private known = false;
  private warned = false;
  private loop: Promise<void> | undefined;
  private loopStop = new AbortController();
  private claiming: Promise<void> | undefined;

  constructor(private readonly deps: LeaderDeps) {}

  async lead(desired: DesiredState): Promise<Leadership> {
    const choice = this.deps.choose(desired);
    if (choice.mode !== 'lease') {
      if (choice.mode === 'unconfigured' && !this.warned) this.deps.log.warn(UNPROTECTED_WARNING);
      this.warned = true;
      await this.switchTo(undefined);
      this.setLeader(true);
      return { leader: true };
    }
    try {
      const port = await this.deps.portFor(choice.table, desired.region, desired);
      const key = leaseKey(await port.region(), desired.scheduleGroup);
      const t = this.term;
      if (
        !t ||
        t.key !== key ||
        t.table !== choice.table ||
        t.ttlMs !== choice.ttlMs ||
        t.owner !== desired.owner
      )
        await this.switchTo({ key, table: choice.table, ttlMs: choice.ttlMs, owner: desired.owner, port });
    } catch (err) {
      this.noteError(err);
    }
    if (this.lease && !this.lease.signal.aborted) return { leader: true, signal: this.lease.signal };
    if (this.error) return { leader: false, reason: this.error, failed: true };
    const now = this.deps.clock.now();
    const reason = this.held ? `lease held by ${describeHolder(this.held, now)}` : 'lease not held';
    return { leader: false, reason, failed: false };
  }

  /** A follower, as far as is known (false before the first claim). */
  get following(): boolean {
    return this.known && !this.leader;
  }

  status(): LeaderStatus {
    const t = this.term;
    const mine = this.lease && !this.lease.signal.aborted ? this.lease : undefined;
    const r = mine?.record ?? this.held;
    return {
      leader: this.leader,
      lease: t
        ? {
            table: t.table,
            key: t.key,
            holder: r?.holder ?? null,
            purpose: r?.purpose ?? null,
            host: r?.host ?? null,
            expiresAt: mine
              ? new Date(mine.expiresAt).toISOString()
              : r
                ? new Date(r.expiresAt).toISOString()
                : null,
          }
        : null,
      leaseError: this.error ?? null,
    };
  }

  /** Stops claiming and releases the lease (a follower then takes over within its poll). */
  async stop(): Promise<void> {
    await this.switchTo(undefined);
    this.setLeader(false);
  }

  private async switchTo(term: Term | undefined): Promise<void> {
    if (!term && !this.term) return;
    this.loopStop.abort();
    await this.loop;
    await this.claiming;
    const lease = this.lease;
    this.lease = undefined;
    if (lease) await lease.release();
    this.term = term;
    this.held = undefined;
    this.error = undefined;
    this.loop = undefined;
    if (!term) return;
    this.loopStop = new AbortController();
    await this.claim(term);
    this.loop = this.run(term, this.loopStop.signal);
  }

  private async run(term: Term, stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      if (this.lease) {
        // Leading: the lease renews itself; wake when it is lost or the term ends.
        await untilAborted([this.lease.signal, stop]);
        continue;
      }
      await this.deps.clock.sleep(this.followerPause(term), stop);
      if (stop.aborted) return;
      const wasLeader = this.leader;
      await this.claim(term);
      if (!wasLeader && this.leader) this.deps.onElected?.();
    }
  }

  private followerPause(term: Term): number {
    const cap = Math.min(this.deps.followerPollMs ?? 5_000, term.ttlMs / 3);
    if (this.error || !this.held) return cap;
    // Right after the holder's lease would expire: a crashed leader is replaced within its ttl.
    return Math.max(50, Math.min(cap, this.held.expiresAt - this.deps.clock.now() + 50));
  }

  /** One claim at a time (the loop and a cycle may both ask). */
  private claim(term: Term): Promise<void> {
    this.claiming ??= this.claimOnce(term).finally(() => (this.claiming = undefined));
    return this.claiming;
  }

  private async claimOnce(term: Term): Promise<void> {
    if (this.lease && !this.lease.signal.aborted) return;
    const req = { key: term.key, purpose: 'controller' as const, owner: term.owner };
    const record = leaseRecord(
      { ...req, identity: this.deps.identity, ttlMs: term.ttlMs },
      this.deps.clock.now(),
    );
    try {
      const attempt = await tryAcquire(term.port, record, this.deps.clock, term.ttlMs);
      if (this.error) this.deps.log.info({ table: term.table }, 'lock table usable again');
      this.error = undefined;
      if ('lease' in attempt) return this.elected(attempt.lease, term);
      if (attempt.held?.holder !== this.held?.holder && attempt.held)
        this.deps.log.info(
          { key: term.key, holder: attempt.held.holder, purpose: attempt.held.purpose },
          'following: another replica holds the lease',
        );
      this.held = attempt.held;
      this.setLeader(false);
    } catch (err) {
      this.noteError(err);
    }
  }

  private elected(lease: Lease, term: Term): void {
    this.lease = lease;
    this.held = undefined;
    this.deps.log.info({ key: term.key, table: term.table, ttlMs: term.ttlMs }, 'leading: lease acquired');
    lease.signal.addEventListener(
      'abort',
      () => {
        if (this.lease !== lease) return;
        this.lease = undefined;
        const reason = lease.signal.reason instanceof Error ? lease.signal.reason.message : 'lease lost';
        this.deps.log.error({ key: term.key, reason }, 'lost the lease: stopped applying');
        this.setLeader(false);
      },
      { once: true },
    );
    this.setLeader(true);
  }

  private noteError(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    const hint = err instanceof BerthError ? err.hint : undefined;
    if (message !== this.error)
      this.deps.log.error({ error: message, hint }, 'lease unavailable: not reconciling');
    this.error = message;
    this.setLeader(false);
  }

  private setLeader(leader: boolean): void {
    if (this.known && this.leader === leader) return;
    this.known = true;
    this.leader = leader;
    this.deps.onChange?.(leader);
  }
}

function untilAborted(signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve();
    for (const s of signals) s.addEventListener('abort', () => resolve(), { once: true });
  });
}
