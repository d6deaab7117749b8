// Why a cycle runs. Timers, the webhook, the file watcher and retries all ask for cycles;
// asks that arrive while one runs are merged into the next.

export type TriggerKind =
  /** The first cycle after start. */
  | 'startup'
  /** Interval timer: look at the remote; plan only when the head moved. */
  | 'poll'
  /** Resync timer: re-read live state even without a new commit (drift detection). */
  | 'resync'
  /** Git host push event for the watched branch. */
  | 'webhook'
  /** Local directory changed. */
  | 'watch'
  /** Backoff expired after a failed cycle. */
  | 'retry'
  /** Someone asked explicitly (tests, operators). */
  | 'manual'
  /** This replica just took the lease over from another (leader election). */
  | 'elected';

export interface Trigger {
  kind: TriggerKind;
  /** Free text for logs (e.g. the pushed commit). */
  detail?: string;
}

/** Everything but a plain poll re-reads live state even when the revision did not move. */
export function needsFullCycle(triggers: readonly Trigger[]): boolean {
  return triggers.some((t) => t.kind !== 'poll' && t.kind !== 'webhook');
}

/** Timer-driven asks may wait out a backoff; a push or an edit may fix what failed. */
export function onlyTimers(triggers: readonly Trigger[]): boolean {
  return triggers.every((t) => t.kind === 'poll' || t.kind === 'resync');
}
