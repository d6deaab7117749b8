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
  merge(records: readonly RunRecord[]): RunRecord[] {
    const changed: RunRecord[] = [];
    for (const r of records) {
      let runs = this.byJob.get(r.job);
      if (!runs) this.byJob.set(r.job, (runs = new Map()));
      const key = runKey(r);
      const known = runs.get(key);
      if (known && progress(known) > progress(r)) continue;
      if (known && progress(known) === progress(r) && known.result === r.result) {
        // same state: keep what the newer reading adds (duration of a run still going, logs)
        runs.set(key, { ...known, ...r, logs: r.logs.length > 0 ? r.logs : known.logs });
        continue;
      }
      runs.set(key, known ? { ...r, logs: r.logs.length > 0 ? r.logs : known.logs } : r);
      changed.push(runs.get(key)!);
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
