// The planner: DesiredState × LiveState → Plan. Pure and synchronous; `now` comes in as an option.
import type { ScheduleInput } from '../model/aws-types.js';
import { MANAGED_BY_VALUE, PENDING_REVISION, TAG, type DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { JobPlan, Plan, PlanAction } from '../model/plan.js';
import { action } from './action.js';
import { diffValues } from './diff.js';
import { tagFilter } from './normalise-tags.js';
import { memoisedJobPlanner, type JobPlanStore } from './job-memo.js';
import { findOrphans, pruneRefusal, type Orphan } from './orphans.js';
import { planDesiredJob, type PlannedJob } from './plan-job.js';
import {
  deregisterAction,
  referencedRevisions,
  revisionsBeyondKeep,
  unreferencedRevisions,
} from './revisions.js';
import { summarise } from './summary.js';

export interface PlanOptions {
  /** Only these job names (others are left out of the plan, never deleted). */
  targets?: string[];
  /** The time one-time schedules are judged against (completed when their at() is before it). */
  now?: Date;
  /** Remembers InSync job plans by their inputs (job-memo.ts). */
  jobPlans?: JobPlanStore;
}

export function computePlan(desired: DesiredState, live: LiveState, opts: PlanOptions = {}): Plan {
  const warnings: string[] = [];
  const inTargets = (job: string) => !opts.targets || opts.targets.includes(job);
  const groupConflict = groupProblem(desired, live);

  // 1. Each desired job on its own: ownership, task definition, schedule, status.
  const ctx = { desired, live, keepTag: tagFilter(desired.ignoreTagKeys), now: opts.now, groupConflict };
  const targeted = desired.jobs.filter((j) => inTargets(j.name));
  const planJob = opts.jobPlans ? memoisedJobPlanner(opts.jobPlans) : planDesiredJob;
  const planned = targeted.map((j) => planJob(j, ctx));
  const blocked = targeted.filter((j) => j.schedule).length;
  if (groupConflict && blocked > 0)
    warnings.push(`${blocked} scheduled job(s) not planned: ${groupConflict}`);

  // 2. Orphans, behind the prune guards (the fraction is of every owned job, targeted or not).
  const { orphans: all, ownedJobs } = findOrphans(desired, live);
  const orphans = all.filter((o) => inTargets(o.job));
  const refusal = pruneRefusal(desired, orphans.filter((o) => !o.protected).length, ownedJobs);
  if (refusal) warnings.push(refusal.warning);
  // Schedules in a group that is not ours cannot be read, so nothing proves a revision unused.
  const revisionsSafe = live.group.status === 'owned' || live.group.status === 'missing';
  const blockedBy = refusal?.short ?? (revisionsSafe ? undefined : "the schedule group is not berth's");
  const mayDelete = (o: Orphan) => !blockedBy && !o.protected;

  // 3. Revisions last, once every schedule deletion is known: none still referenced may go.
  const deleted = new Set<string>();
  for (const p of planned)
    for (const a of p.plan.actions) if (a.resource === 'schedule' && a.kind === 'delete') deleted.add(a.name);
  for (const o of orphans) if (o.schedule && mayDelete(o)) deleted.add(o.schedule.name);
  const repinned = new Map<string, string>();
  for (const p of planned)
    for (const a of p.plan.actions)
      if (a.resource === 'schedule' && (a.kind === 'update' || a.kind === 'create'))
        repinned.set(a.name, pinOf(a.after));
  const referenced = referencedRevisions(live, deleted, repinned);
  if (!revisionsSafe && (planned.some((p) => p.family) || orphans.length > 0))
    warnings.push("no task-definition revisions are deregistered while the schedule group is not berth's");

  const jobs: JobPlan[] = planned.map((p) =>
    revisionsSafe ? withPrunedRevisions(p, desired.keepRevisions, referenced) : p.plan,
  );
  for (const o of orphans) jobs.push(orphanPlan(o, blockedBy, referenced));
  jobs.sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : 0));

  const groupAction = planGroup(desired, live, groupConflict);
  // A guard's refusal leaves AWS differing from git; prune.enabled: false is configuration.
  const guard = refusal && refusal.kind !== 'disabled' ? refusal.kind : undefined;
  return {
    formatVersion: 1,
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    ...(desired.revision !== undefined ? { revision: desired.revision } : {}),
    liveFingerprint: live.fingerprint,
    groupAction,
    jobs,
    summary: summarise(groupAction, jobs),
    warnings,
    ...(refusal && guard
      ? {
          refusedPrune: {
            guard,
            warning: refusal.warning,
            jobs: orphans.filter((o) => !o.protected).map((o) => o.job),
          },
        }
      : {}),
  };
}

/** The revision a schedule input points at ('' while it waits for a new registration). */
function pinOf(after: unknown): string {
  const arn = (after as ScheduleInput | undefined)?.Target?.EcsParameters?.TaskDefinitionArn;
  return arn && arn !== PENDING_REVISION ? arn : '';
}

function withPrunedRevisions(p: PlannedJob, keep: number, referenced: ReadonlySet<string>): JobPlan {
  if (!p.family) return p.plan;
  const victims = revisionsBeyondKeep(p.family.active, keep, p.registersNew, referenced);
  const reason = `beyond keepRevisions=${keep}`;
  return {
    ...p.plan,
    actions: [...p.plan.actions, ...victims.map((r) => deregisterAction(p.plan.job, r, reason))],
  };
}

/** Schedule first, then the revisions nothing points at any more. */
function orphanPlan(o: Orphan, blockedBy: string | undefined, referenced: ReadonlySet<string>): JobPlan {
  const plan: JobPlan = { job: o.job, status: 'Orphan', actions: [] };
  if (o.protected) {
    plan.message = `not deleted: the manifest for ${o.job} failed validation; its resources stay until it validates again`;
    return plan;
  }
  if (blockedBy) {
    plan.message = `not in git; not deleted (${blockedBy}; see warnings)`;
    return plan;
  }
  const reason = 'not in git';
  if (o.schedule)
    plan.actions.push(
      action('delete', 'schedule', o.schedule.name, { job: o.job, arn: o.schedule.description.Arn, reason }),
    );
  for (const r of unreferencedRevisions(o.family?.active ?? [], referenced))
    plan.actions.push(deregisterAction(o.job, r, reason));
  return plan;
}

function planGroup(desired: DesiredState, live: LiveState, conflict: string | undefined): PlanAction {
  const name = desired.scheduleGroup;
  if (live.group.status === 'missing') {
    const after = { Name: name, Tags: desired.groupTags };
    const changes = diffValues(undefined, { Tags: desired.groupTags });
    return action('create', 'scheduleGroup', name, { reason: 'not in AWS', changes, after });
  }
  return action('noop', 'scheduleGroup', name, { arn: live.group.arn, reason: conflict });
}

function groupProblem(desired: DesiredState, live: LiveState): string | undefined {
  const g = live.group;
  const fix =
    `berth will not create or change schedules in it. Set spec.scheduleGroup in berth.yaml to a group of its own, ` +
    `or tag the group ${TAG.managedBy}=${MANAGED_BY_VALUE} and ${TAG.owner}=${desired.owner} if it really is this repository's`;
  if (g.status === 'foreign')
    return `schedule group ${g.name} belongs to berth installation "${g.tags[TAG.owner] ?? '?'}", not "${desired.owner}"; ${fix}`;
  if (g.status === 'unowned') return `schedule group ${g.name} exists but is not tagged as berth's; ${fix}`;
  return undefined;
}
