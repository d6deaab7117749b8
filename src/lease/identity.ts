// Who holds a lease and what it covers. The key is the scope berth writes to: the schedule group
// in its region (one group per repository; the task-definition families belong to the same
// repository). The account is implied by the table, which lives in the account berth writes to.
import type { LeaseRecord } from '../model/ports.js';

export interface LeaseIdentity {
  /** host:pid:random, unique per process even when a pid is reused. */
  holder: string;
  host: string;
  pid: number;
}

export function leaseIdentity(host: string, pid: number, nonce: string): LeaseIdentity {
  return { holder: `${host}:${pid}:${nonce}`, host, pid };
}

/** berth:<region>:<scheduleGroup> (":" never occurs in either, nor in a Terraform LockID's bucket). */
export function leaseKey(region: string, scheduleGroup: string): string {
  return `berth:${region}:${scheduleGroup}`;
}

export interface LeaseRequest {
  key: string;
  purpose: 'apply' | 'controller';
  /** metadata.name of the repository config. */
  owner: string;
  identity: LeaseIdentity;
  ttlMs: number;
}

export function leaseRecord(req: LeaseRequest, now: number): LeaseRecord {
  return {
    key: req.key,
    holder: req.identity.holder,
    purpose: req.purpose,
    host: req.identity.host,
    pid: req.identity.pid,
    owner: req.owner,
    acquiredAt: now,
    expiresAt: now + req.ttlMs,
  };
}
