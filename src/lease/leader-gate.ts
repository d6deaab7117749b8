// What the controller's reconcile cycle knows of leader election (src/lease/leader.ts): a gate
// it asks before planning, and what /api/status shows.
import type { DesiredState } from '../model/desired.js';

/** What the controller's cycle asks before it plans: may this replica write now? */
export interface LeaderGate {
  lead(desired: DesiredState): Promise<Leadership>;
  status(): LeaderStatus;
}

export type Leadership =
  /** signal aborts when the lease is lost mid-cycle (absent: no lease configured). */
  | { leader: true; signal?: AbortSignal }
  /** failed: the lease table could not be used (missing, no permission): a failed cycle. */
  | { leader: false; reason: string; failed: boolean };

export interface LeaderStatus {
  leader: boolean;
  /** null when no lease is configured (a single controller is always the leader). */
  lease: {
    table: string;
    key: string;
    holder: string | null;
    purpose: string | null;
    host: string | null;
    expiresAt: string | null;
  } | null;
  /** Why the lease table cannot be used (missing, no permission, unreachable). */
  leaseError: string | null;
}
