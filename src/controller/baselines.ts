// Telling a git change from drift when the planner cannot. Schedules carry no content-hash tag,
// so a schedule-only change in git plans as "Drifted" just like an edit in the console. The
// controller remembers what each job's desired content was when it last saw the job converged:
// if git's version moved since, the difference came from git.
import { contentHash } from '../desired/hash.js';
import type { DesiredJob } from '../model/desired.js';

export function desiredFingerprint(job: DesiredJob): string {
  return contentHash({ td: job.contentHash, schedule: job.schedule ?? null });
}

export class Baselines {
  private readonly converged = new Map<string, string>();
  /** Jobs seen converged since the controller started: their baseline is known, not assumed. */
  private readonly confirmed = new Set<string>();

  /**
   * Jobs seen for the first time get their current content as the baseline: a difference the
   * controller finds at start-up is treated as drift (reported, healed only with self-heal).
   */
  observe(jobs: readonly DesiredJob[]): void {
    for (const j of jobs) if (!this.converged.has(j.name)) this.converged.set(j.name, desiredFingerprint(j));
    const names = new Set(jobs.map((j) => j.name));
    for (const name of [...this.converged.keys()]) if (!names.has(name)) this.converged.delete(name);
    for (const name of [...this.confirmed]) if (!names.has(name)) this.confirmed.delete(name);
  }

  gitChanged(job: DesiredJob): boolean {
    const seen = this.converged.get(job.name);
    return seen !== undefined && seen !== desiredFingerprint(job);
  }

  /** The job is now as git says (in sync, or applied without error). */
  markConverged(job: DesiredJob): void {
    this.converged.set(job.name, desiredFingerprint(job));
    this.confirmed.add(job.name);
  }

  /** False until the job was seen converged: after a start-up, its baseline is only a guess. */
  seenConverged(name: string): boolean {
    return this.confirmed.has(name);
  }
}
