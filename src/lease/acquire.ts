// Take the lease for a one-off writer (`berth apply`): at once, or by waiting up to a timeout
// for the holder to release it or for its lease to expire.
import { BerthError } from '../model/errors.js';
import type { LeasePort, LeaseRecord } from '../model/ports.js';
import type { Clock } from '../run/clock.js';
import { heldError } from './describe.js';
import { leaseRecord, type LeaseRequest } from './identity.js';
import { tryAcquire, type Lease } from './lease.js';

export interface AcquireOptions {
  /** How long to wait for a held lease; 0 fails at once. */
  timeoutMs: number;
  /** Longest pause between two claims while waiting (default 2 s). */
  pollMs?: number;
  /** Stops the wait (SIGINT, SIGTERM). */
  signal?: AbortSignal;
  /** Called when the lease is found held and berth starts waiting (once per holder). */
  onWait?: (holder: LeaseRecord | undefined) => void;
}

export async function acquireLease(
  port: LeasePort,
  req: LeaseRequest,
  clock: Clock,
  opts: AcquireOptions,
): Promise<Lease> {
  const started = clock.now();
  const deadline = started + Math.max(0, opts.timeoutMs);
  let announced: string | undefined;
  for (;;) {
    const attempt = await tryAcquire(port, leaseRecord(req, clock.now()), clock, req.ttlMs);
    if ('lease' in attempt) return attempt.lease;
    const now = clock.now();
    if (now >= deadline) throw heldError(req.key, attempt.held, now, opts.timeoutMs > 0 ? now - started : 0);
    if (announced !== attempt.held?.holder) {
      announced = attempt.held?.holder;
      opts.onWait?.(attempt.held);
    }
    // Claim again at the poll period, or right after the holder's lease would expire.
    const untilExpiry = attempt.held ? attempt.held.expiresAt - now + 50 : 0;
    const pause = Math.min(opts.pollMs ?? 2_000, Math.max(50, untilExpiry), deadline - now);
    await clock.sleep(Math.max(1, pause), opts.signal);
    if (opts.signal?.aborted)
      throw new BerthError(
        'Conflict',
        `interrupted while waiting for the lease ${req.key}; nothing was changed`,
      );
  }
}
