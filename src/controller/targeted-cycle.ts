// Whether a cycle may read only the jobs a git change touched (live/read-targeted.ts): only
// after a new commit seen by a poll, a push webhook or the file watcher (start-up, resync,
// retries and elections read everything), only when the commit touched a few jobs and removed
// none (touched-jobs.ts), and only from a clean standing state: the cycle before planned the
// revision compared with and found AWS equal to git, every other job equal to git at its last read, no drift, no open condition (a conflict, a refused prune, a failing apply).
// Then what this cycle does not read cannot be wrongly resolved, and the other jobs keep their
// last full-read verdict and its time (JobStatus.readAt).
import type { DesiredState } from '../model/desired.js';
import { targetLimit } from '../pipeline/targeted-read.js';
import type { ControllerMemory } from './status.js';
import type { Touched } from './touched-jobs.js';
import type { Trigger } from './triggers.js';

const GIT_TRIGGERS = new Set(['poll', 'webhook', 'watch']);

export function cycleTargets(
  touched: Touched | undefined,
  triggers: readonly Trigger[],
  mem: ControllerMemory,
  desired: DesiredState,
): string[] | undefined {
  if (touched?.kind !== 'jobs' || touched.jobs.length === 0) return undefined;
  if (touched.jobs.length > targetLimit(desired.jobs.length)) return undefined;
  if (triggers.length === 0 || !triggers.every((t) => GIT_TRIGGERS.has(t.kind))) return undefined;
  // The cycle before planned the revision compared with and found AWS equal to git.
  const last = mem.lastCycle;
  if (last?.outcome !== 'synced' || last.reconciledRevision !== touched.base) return undefined;
  if (mem.rewrite || mem.drift.entries().length > 0 || mem.conditions.entries().length > 0) return undefined;
  const known = new Map(mem.jobs.map((j) => [j.job, j]));
  const target = new Set(touched.jobs);
  const othersClean = desired.jobs
    .filter((j) => !target.has(j.name))
    .every((j) => known.get(j.name)?.inSync === true);
  // Nothing but desired jobs (no orphan, no pruned entry waiting) may be on record.
  const onlyDesired = mem.jobs.every((j) => desired.jobs.some((d) => d.name === j.job));
  return othersClean && onlyDesired ? touched.jobs : undefined;
}
