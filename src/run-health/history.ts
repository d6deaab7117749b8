// The runs the controller keeps per job, merged from ECS, the durable feed and dead-letter
// queues. Keyed by task (or dead-letter message): the same task seen twice is one run, and the
// record that knows more (a later lastStatus) wins. Only the newest `keep` per job are kept.
import type { RunRecord } from '../model/runs.js';
import { compareRuns } from '../runs/index.js';

const PROGRESS: Record<string, number> = {
  PROVISIONING: 1,
  PENDING: 2,
  ACTIVATING: 3,
  RUNNING: 4,
  DEACTIVATING: 5,
  STOPPING: 6,
  DEPROVISIONING: 7,
  STOPPED: 8,
};

export function runKey(r: RunRecord): string {
  return r.taskArn ?? `invocation:${r.job}:${r.invocationId ?? `${r.createdAt ?? ''}:${r.error ?? ''}`}`;
}

export class RunHistory {
  private readonly byJob = new Map<string, Map<string, RunRecord>>();

  constructor(private readonly keep: () => number) {}

  /** Adds what was read; returns the runs that are new or moved on (a result to look at). */
  merge(records: readonly RunRecord[], now: number = Date.now()): RunRecord[] {
    const changed: RunRecord[] = [];
    for (const r of records) {
      let runs = this.byJob.get(r.job);
      if (!runs) this.byJob.set(r.job, (runs = new Map()));
      const key = runKey(r);
      const known = runs.get(key);
      if (known && progress(known) > progress(r)) continue;
      const merged = known ? combine(known, r, now) : r;
      runs.set(key, merged);
      // the same state again is no news; a new run or a new state is
      if (!known || progress(known) !== progress(r) || known.result !== r.result) changed.push(merged);
    }
    for (const [job, runs] of this.byJob) this.trim(job, runs);
    return changed;
  }

  runs(job: string): RunRecord[] {
    return [...(this.byJob.get(job)?.values() ?? [])].sort(compareRuns);
  }

  /** Jobs no longer in git are forgotten. */
  retain(jobs: ReadonlySet<string>): void {
    for (const job of this.byJob.keys()) if (!jobs.has(job)) this.byJob.delete(job);
  }

  private trim(job: string, runs: Map<string, RunRecord>): void {
    const sorted = this.runs(job);
    for (const r of sorted.slice(this.keep())) runs.delete(runKey(r));
  }
}

function progress(r: RunRecord): number {
  if (r.result === 'InvocationFailed') return PROGRESS.STOPPED!;
  return PROGRESS[r.lastStatus ?? ''] ?? 0;
}

/**
 * Two readings of one task (ECS and the feed, or two polls): the newer one's facts win, the
 * older one's fill what it lacks, and the duration is worked out again from the merged times.
 */
function combine(known: RunRecord, r: RunRecord, now: number): RunRecord {
  const out = { ...known } as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined) out[k] = v;
  const merged = out as unknown as RunRecord;
  merged.logs = r.logs.length > 0 ? r.logs : known.logs;
  merged.containers = r.containers.length > 0 ? r.containers : known.containers;
  const from = merged.startedAt ?? merged.createdAt;
  const to = merged.stoppedAt
    ? Date.parse(merged.stoppedAt)
    : merged.lastStatus === 'STOPPED'
      ? undefined
      : now;
  if (from && to !== undefined)
    merged.durationSeconds = Math.max(0, Math.round((to - Date.parse(from)) / 1000));
  return merged;
}
