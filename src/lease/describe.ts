// How a lease held by someone else is told to people: who, doing what, since when, until when.
import { BerthError } from '../model/errors.js';
import type { LeaseRecord } from '../model/ports.js';
import { formatElapsed } from '../run/duration.js';

export function describeHolder(r: LeaseRecord, now: number): string {
  const expiry =
    r.expiresAt > now ? `expires in ${formatElapsed(r.expiresAt - now)} unless renewed` : 'expired';
  return `${r.purpose || 'unknown purpose'} on ${r.host || 'unknown host'} (pid ${r.pid}, holder ${r.holder}) since ${new Date(r.acquiredAt).toISOString()}, ${expiry}`;
}

/** The error `berth apply` ends with when another writer holds the lease past --lock-timeout. */
export function heldError(
  key: string,
  current: LeaseRecord | undefined,
  now: number,
  waitedMs: number,
): BerthError {
  const who = current ? describeHolder(current, now) : 'another berth (it was released while berth looked)';
  const waited = waitedMs > 0 ? ` after waiting ${formatElapsed(waitedMs)}` : '';
  return new BerthError('Conflict', `lease ${key} is held by ${who}${waited}; nothing was changed`, {
    hint:
      current?.purpose === 'controller'
        ? 'a berth controller reconciles this schedule group: change it through git, or stop the controller first'
        : "retry when it is done, or wait for it with --lock-timeout 10m; a crashed holder's lease frees itself when it expires (`berth lock status` shows it, `berth lock unlock <holder>` removes it)",
  });
}
