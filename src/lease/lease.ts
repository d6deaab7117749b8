// A held lease: renewed in the background every third of its ttl with a write conditional on
// the holder id, released with a conditional delete. When the holder cannot prove it still
// holds the lease, `signal` aborts and the holder must stop writing.
//
// Clock skew: the holder gives up at expiresAt - ttl/3 by its own clock (two renewals in a row
// failed, or one hung), and another process may take over at expiresAt by its clock. So the
// holder has stopped starting AWS writes before anyone else can start, as long as clocks differ
// by less than ttl/3 (20 s at the default ttl of 60 s).
import { BerthError } from '../model/errors.js';
import type { LeasePort, LeaseRecord } from '../model/ports.js';
import type { Clock } from '../run/clock.js';

export class Lease {
  private readonly lost = new AbortController();
  private readonly stopped = new AbortController();
  private readonly renewing: Promise<void>;
  private expires: number;
  /** Renewals that failed (errors and timeouts) over the lease's life. */
  failedRenewals = 0;
  renewals = 0;

  constructor(
    private readonly port: LeasePort,
    readonly record: LeaseRecord,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {
    this.expires = record.expiresAt;
    this.renewing = this.renewLoop();
  }

  /** Aborts (reason: a BerthError saying why) once this process may no longer write. */
  get signal(): AbortSignal {
    return this.lost.signal;
  }

  get expiresAt(): number {
    return this.expires;
  }

  /** Stops renewing and deletes the lease if it is still ours. Never throws. */
  async release(): Promise<boolean> {
    this.stopped.abort();
    await this.renewing;
    // Even after a loss by timeout the item may still be ours: deleting it frees the key sooner.
    const released = await this.port.release(this.record.key, this.record.holder).catch(() => false);
    if (!this.lost.signal.aborted)
      this.lost.abort(new BerthError('Conflict', `lease ${this.record.key} released`));
    return released;
  }

  private async renewLoop(): Promise<void> {
    const every = Math.max(1, Math.floor(this.ttlMs / 3));
    let delay = every;
    while (!this.stopped.signal.aborted && !this.lost.signal.aborted) {
      await this.clock.sleep(delay, this.stopped.signal);
      if (this.stopped.signal.aborted) return;
      const deadline = this.expires - every;
      const next = this.clock.now() + this.ttlMs;
      const outcome = await this.renewBefore(deadline, next);
      if (this.stopped.signal.aborted) return;
      if (outcome === 'renewed') {
        this.renewals += 1;
        this.expires = next;
        delay = every;
      } else if (outcome === 'taken') {
        return this.lose('it was taken over or removed (another holder, or `berth lock unlock`)');
      } else {
        this.failedRenewals += 1;
        if (this.clock.now() >= deadline)
          return this.lose(`it could not be renewed in time (${outcome.error})`);
        // Retry sooner than the regular period: the deadline is at most ttl/3 away.
        delay = Math.max(1, Math.min(every / 4, deadline - this.clock.now()));
      }
    }
  }

  /** One renewal raced against the deadline: a hung call counts as a failed one. */
  private async renewBefore(
    deadline: number,
    expiresAt: number,
  ): Promise<'renewed' | 'taken' | { error: string }> {
    const timer = new AbortController();
    const call = this.port.renew(this.record.key, this.record.holder, expiresAt).then(
      (ok) => (ok ? ('renewed' as const) : ('taken' as const)),
      (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }),
    );
    // One more turn of the event loop after the deadline: an answer that arrived while this
    // process was starved of CPU is read before the deadline is declared missed.
    const late = this.clock
      .sleep(Math.max(0, deadline - this.clock.now()), AbortSignal.any([timer.signal, this.stopped.signal]))
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => ({ error: 'no answer before the deadline' }));
    try {
      return await Promise.race([call, late]);
    } finally {
      timer.abort();
    }
  }

  private lose(why: string): void {
    this.lost.abort(
      new BerthError('Conflict', `lost the lease ${this.record.key}: ${why}`, {
        hint: 'berth stopped starting AWS writes; run `berth plan` to see where things stand',
      }),
    );
  }
}

export type Attempt = { lease: Lease } | { held: LeaseRecord | undefined };

/** One conditional claim: the lease, or who holds it. */
export async function tryAcquire(
  port: LeasePort,
  record: LeaseRecord,
  clock: Clock,
  ttlMs: number,
): Promise<Attempt> {
  const claim = await port.claim(record, clock.now());
  return claim.acquired ? { lease: new Lease(port, record, clock, ttlMs) } : { held: claim.current };
}
