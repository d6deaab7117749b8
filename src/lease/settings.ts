// Whether a command runs under a lease, and which: --no-lock, then --lock-table / BERTH_LOCK_TABLE,
// then berth.yaml spec.lock.
import type { DesiredState } from '../model/desired.js';

export const DEFAULT_LEASE_TTL_SECONDS = 60;

export type LeaseChoice =
  | { mode: 'lease'; table: string; ttlMs: number }
  /** --no-lock: the operator chose to run without one. */
  | { mode: 'disabled' }
  /** Nothing configured: berth warns that concurrent writers are not protected. */
  | { mode: 'unconfigured' };

/** override: a table name from a flag or the environment, false for --no-lock. */
export function chooseLease(override: string | false | undefined, lock: DesiredState['lock']): LeaseChoice {
  if (override === false) return { mode: 'disabled' };
  const table = override ?? lock?.table;
  if (!table) return { mode: 'unconfigured' };
  return { mode: 'lease', table, ttlMs: (lock?.ttlSeconds ?? DEFAULT_LEASE_TTL_SECONDS) * 1000 };
}

export const UNPROTECTED_WARNING =
  'no lock configured (berth.yaml spec.lock or BERTH_LOCK_TABLE): concurrent applies and controllers writing this schedule group are not protected from each other';

/** What to do about it: a newcomer alone on a sandbox account can silence it, a team sets one up. */
export const UNPROTECTED_HINT =
  'set spec.lock.table in berth.yaml and create the table once with `berth lock init`; alone on the account, --no-lock silences this';
