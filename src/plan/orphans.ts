// Jobs berth owns in AWS that git no longer has, and whether this plan may delete them.
// The guards stop one bad checkout (wrong branch, empty directory) from wiping an account.
import type { DesiredState } from '../model/desired.js';
import type { LiveFamily, LiveSchedule, LiveState } from '../model/live.js';
import { scheduleNameOf } from './plan-job.js';

export interface Orphan {
  job: string;
  family?: LiveFamily;
  schedule?: LiveSchedule;
  /** Its manifest exists but failed validation. */
  protected: boolean;
}

const isOwned = (f: LiveFamily) => f.owned && f.foreignOwner === undefined;

/** Owned families and schedules in the owned group that no desired job claims, grouped by job name. */
export function findOrphans(
  desired: DesiredState,
  live: LiveState,
): { orphans: Orphan[]; ownedJobs: number } {
  const families = new Set(desired.jobs.map((j) => j.family));
  const schedules = new Set(desired.jobs.map((j) => scheduleNameOf(j, desired)));
  const protectedNames = new Set(desired.protectedNames);
  const jobName = (awsName: string) =>
    awsName.startsWith(desired.namePrefix) ? awsName.slice(desired.namePrefix.length) : awsName;

  const owned = new Set<string>();
  const byJob = new Map<string, Orphan>();
  const entry = (job: string) => {
    let o = byJob.get(job);
    if (!o) byJob.set(job, (o = { job, protected: protectedNames.has(job) }));
    return o;
  };
  for (const f of Object.values(live.families).filter(isOwned)) {
    owned.add(jobName(f.family));
    if (!families.has(f.family)) entry(jobName(f.family)).family = f;
  }
  for (const s of Object.values(live.schedules)) {
    owned.add(jobName(s.name));
    if (!schedules.has(s.name)) entry(jobName(s.name)).schedule = s;
  }
  const orphans = [...byJob.values()].sort((a, b) => (a.job < b.job ? -1 : 1));
  return { orphans, ownedJobs: owned.size };
}

export interface PruneRefusal {
  /** disabled: prune.enabled is false · empty / fraction: a guard refused (see Plan.refusedPrune). */
  kind: 'disabled' | 'empty' | 'fraction';
  /** Plan-level warning: what was refused and the setting that allows it. */
  warning: string;
  /** For each orphan's message. */
  short: string;
}

/** Why no orphan may be deleted in this plan, or undefined when pruning may go ahead. */
export function pruneRefusal(
  desired: DesiredState,
  deletable: number,
  ownedJobs: number,
): PruneRefusal | undefined {
  if (deletable === 0) return undefined;
  const jobs = `${deletable} job${deletable === 1 ? '' : 's'}`;
  if (!desired.prune.enabled)
    return {
      kind: 'disabled',
      short: 'prune is disabled',
      warning: `prune disabled (prune.enabled: false in berth.yaml): ${jobs} not in git left in place`,
    };
  if (desired.jobs.length === 0 && !desired.prune.allowEmpty)
    return {
      kind: 'empty',
      short: 'prune refused, git has no jobs',
      warning:
        `prune refused: git has no jobs, so all ${jobs} berth owns would be deleted; this usually means ` +
        `the wrong directory or branch. Set prune.allowEmpty: true in berth.yaml to allow it`,
    };
  const fraction = desired.prune.maxDeleteFraction;
  if (ownedJobs > 0 && deletable / ownedJobs > fraction)
    return {
      kind: 'fraction',
      short: `prune refused, more than prune.maxDeleteFraction=${fraction} of owned jobs`,
      warning:
        `prune refused: ${jobs} of ${ownedJobs} owned would be deleted ` +
        `(${Math.round((deletable / ownedJobs) * 100)}%, more than prune.maxDeleteFraction=${fraction}). ` +
        `Raise prune.maxDeleteFraction in berth.yaml if this is intended`,
    };
  return undefined;
}
