// Jobs berth owns in AWS that git no longer has, and whether this plan may delete them.
// The guards stop one bad checkout (wrong branch, empty directory) from wiping an account.
import { MANAGED_BY_VALUE, TAG, type DesiredState } from '../model/desired.js';
import type { LiveFamily, LiveSchedule, LiveState } from '../model/live.js';
import { parseTaskDefinitionArn } from '../model/task-definition-arn.js';
import { knownPrefixes, scheduleKey } from './moves.js';
import { scheduleNameOf } from './plan-job.js';

export interface Orphan {
  job: string;
  family?: LiveFamily;
  /** Old families of the same job under a previous prefix. */
  previousFamilies?: LiveFamily[];
  schedule?: LiveSchedule;
  /** Schedules of the same job in other owned groups. */
  previousSchedules?: LiveSchedule[];
  /** Its manifest exists but failed validation. */
  protected: boolean;
  /**
   * Nothing of it was registered by berth: a schedule someone added to berth's group by hand
   * (out-of-band drift), not a job git removed.
   */
  byHand: boolean;
}

const isOwned = (f: LiveFamily) => f.owned && f.foreignOwner === undefined;

/**
 * Owned families and schedules in owned groups that no desired job claims (and no move takes),
 * grouped by job name.
 */
export function findOrphans(
  desired: DesiredState,
  live: LiveState,
  claimed: { schedules: ReadonlySet<string>; families: ReadonlySet<string> } = {
    schedules: new Set(),
    families: new Set(),
  },
): { orphans: Orphan[]; ownedJobs: number } {
  const families = new Set([...desired.jobs.map((j) => j.family), ...claimed.families]);
  const schedules = new Set([...desired.jobs.map((j) => scheduleNameOf(j, desired)), ...claimed.schedules]);
  const protectedNames = new Set(desired.protectedNames);
  const prefixes = knownPrefixes(desired, live);
  const jobName = (awsName: string) => {
    const p = prefixes.find((x) => x !== '' && awsName.startsWith(x)) ?? '';
    return awsName.slice(p.length);
  };

  const owned = new Set<string>();
  const byJob = new Map<string, Orphan>();
  const entry = (job: string) => {
    let o = byJob.get(job);
    if (!o) byJob.set(job, (o = { job, protected: protectedNames.has(job), byHand: true }));
    return o;
  };
  for (const f of Object.values(live.families).filter(isOwned)) {
    owned.add(jobName(f.family));
    if (families.has(f.family)) continue;
    const o = entry(jobName(f.family));
    o.family = f;
    o.byHand = false;
  }
  for (const f of Object.values(live.previous?.families ?? {}).filter(isOwned)) {
    if (families.has(f.family)) continue;
    const o = entry(jobName(f.family));
    (o.previousFamilies ??= []).push(f);
    o.byHand = false;
  }
  for (const s of Object.values(live.schedules)) {
    owned.add(jobName(s.name));
    if (!schedules.has(s.name)) {
      const o = entry(jobName(s.name));
      o.schedule = s;
      if (pinsBerthRevision(s, live, desired.owner)) o.byHand = false;
    }
  }
  for (const s of live.previous?.schedules ?? []) {
    if (schedules.has(scheduleKey(s, desired.scheduleGroup))) continue;
    owned.add(jobName(s.name));
    const o = entry(jobName(s.name));
    (o.previousSchedules ??= []).push(s);
    o.byHand = false;
  }
  const orphans = [...byJob.values()].sort((a, b) => (a.job < b.job ? -1 : 1));
  return { orphans, ownedJobs: owned.size };
}

/** A schedule berth made points at one of berth's revisions of a family named like it. */
function pinsBerthRevision(s: LiveSchedule, live: LiveState, owner: string): boolean {
  const arn = s.description.Target?.EcsParameters?.TaskDefinitionArn ?? '';
  const family = parseTaskDefinitionArn(arn)?.family;
  const f = family ? (live.families[family] ?? live.previous?.families[family]) : undefined;
  if (!f || family !== s.name) return false;
  return (f.revisions ?? [{ tags: f.latest.tags }]).some(
    (r) => r.tags[TAG.managedBy] === MANAGED_BY_VALUE && r.tags[TAG.owner] === owner,
  );
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
