// The planner: DesiredState × LiveState → Plan. Pure and synchronous; `now` comes in as an option.
import type { ScheduleInput } from '../model/aws-types.js';
import { PENDING_REVISION, type DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { JobPlan, Plan, PlanAction, PlanLiveRead } from '../model/plan.js';
import { action } from './action.js';
import { doubledMessage, findMoves, moveRefusal, scheduleKey, type Move } from './moves.js';
import { tagFilter } from './normalise-tags.js';
import { planLocation } from './location.js';
import { memoisedJobPlanner, type JobPlanStore } from './job-memo.js';
import { findOrphans, pruneRefusal, type Orphan } from './orphans.js';
import { groupProblem, planGroup } from './plan-group.js';
import { planDesiredJob, type PlannedJob } from './plan-job.js';
import {
  deregisterAction,
  referencedRevisions,
  revisionsBeyondKeep,
  unreferencedRevisions,
} from './revisions.js';
import { summarise } from './summary.js';
import { withoutSiblings } from './siblings.js';

export interface PlanOptions {
  /** Only these job names (others are left out of the plan, never deleted). */
  targets?: string[];
  /** The time one-time schedules are judged against (completed when their at() is before it). */
  now?: Date;
  /** Remembers InSync job plans by their inputs (job-memo.ts). */
  jobPlans?: JobPlanStore;
}

const ACTIVE_STATUSES = new Set(['InSync', 'OutOfSync', 'Missing', 'Drifted']);

export function computePlan(desired: DesiredState, seen: LiveState, opts: PlanOptions = {}): Plan {
  // The repository's other environments in this account are not this one's previous names.
  const live = withoutSiblings(seen, desired);
  const warnings: string[] = [];
  const inTargets = (job: string) => !opts.targets || opts.targets.includes(job);
  const groupConflict = groupProblem(desired, live);
  const configured = desired.scheduleGroup;

  // 1. Each desired job on its own: ownership, task definition, tags, schedule, status.
  const ctx = { desired, live, keepTag: tagFilter(desired.ignoreTagKeys), now: opts.now, groupConflict };
  const targeted = desired.jobs.filter((j) => inTargets(j.name));
  const planJob = opts.jobPlans ? memoisedJobPlanner(opts.jobPlans) : planDesiredJob;
  const planned = targeted.map((j) => planJob(j, ctx));
  const blocked = targeted.filter((j) => j.schedule).length;
  if (groupConflict && blocked > 0)
    warnings.push(`${blocked} scheduled job(s) not planned: ${groupConflict}`);
  for (const p of planned) if (p.expired) warnings.push(p.expired);

  // 2. Old copies of renamed jobs: moved when prune may delete, else refused for those jobs.
  const movable = new Set(planned.filter((p) => ACTIVE_STATUSES.has(p.plan.status)).map((p) => p.plan.job));
  const allMoves = findMoves(desired, live, desired.jobs);
  const moves = new Map(allMoves.filter((m) => movable.has(m.job)).map((m) => [m.job, m]));
  const refusedMoves = moveRefusal(desired, [...moves.values()]);
  if (refusedMoves) warnings.push(refusedMoves);
  // Copies of jobs left out (not targeted, in conflict) are theirs, not orphans.
  const claimed = {
    schedules: new Set(allMoves.flatMap((m) => m.schedules.map((s) => scheduleKey(s, configured)))),
    families: new Set(allMoves.flatMap((m) => m.families.map((f) => f.family))),
  };

  // 3. Orphans, behind the prune guards (the fraction is of every owned job, targeted or not).
  const { orphans: all, ownedJobs } = findOrphans(desired, live, claimed);
  const orphans = all.filter((o) => inTargets(o.job));
  const refusal = pruneRefusal(desired, orphans.filter((o) => !o.protected).length, ownedJobs);
  if (refusal) warnings.push(refusal.warning);
  // Schedules in a group that is not ours cannot be read, so nothing proves a revision unused.
  const revisionsSafe = live.group.status === 'owned' || live.group.status === 'missing';
  const blockedBy = refusal?.short ?? (revisionsSafe ? undefined : "the schedule group is not berth's");
  const mayDelete = (o: Orphan) => !blockedBy && !o.protected;

  // 4. Revisions last, once every schedule deletion is known: none still referenced may go.
  const deleted = new Set<string>();
  for (const p of planned)
    for (const a of p.plan.actions) if (a.resource === 'schedule' && a.kind === 'delete') deleted.add(a.name);
  if (!refusedMoves)
    for (const m of moves.values()) for (const s of m.schedules) deleted.add(scheduleKey(s, configured));
  for (const o of orphans)
    if (mayDelete(o)) for (const s of orphanSchedules(o)) deleted.add(scheduleKey(s, configured));
  const repinned = new Map<string, string>();
  for (const p of planned)
    for (const a of p.plan.actions)
      if (a.resource === 'schedule' && (a.kind === 'update' || a.kind === 'create'))
        repinned.set(a.name, pinOf(a.after));
  const referenced = referencedRevisions(live, deleted, repinned, configured);
  if (!revisionsSafe && (planned.some((p) => p.family) || orphans.length > 0))
    warnings.push("no task-definition revisions are deregistered while the schedule group is not berth's");

  const jobs: JobPlan[] = planned.map((p) => {
    const move = moves.get(p.plan.job);
    if (move && refusedMoves && move.schedules.length > 0)
      return { ...p.plan, status: 'Conflict', actions: [], message: doubledMessage(move, configured) };
    const own = revisionsSafe ? withPrunedRevisions(p, desired.keepRevisions, referenced) : p.plan;
    return move && revisionsSafe ? withMove(own, move, configured, referenced) : own;
  });
  for (const o of orphans) jobs.push(orphanPlan(o, blockedBy, referenced, configured));
  jobs.sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : 0));

  // The group's berth:name-prefix is how old copies are found: it moves only with the last of them.
  const holdPrefix = !!refusedMoves || allMoves.some((m) => !moves.has(m.job));
  const groupAction = planGroup(desired, live, groupConflict, holdPrefix);
  const previousGroups = retiredGroups(live, deleted, configured);
  // A guard's refusal leaves AWS differing from git; prune.enabled: false is configuration.
  const guard = refusal && refusal.kind !== 'disabled' ? refusal.kind : undefined;
  const where = planLocation(desired, live);
  if (where.warning) warnings.push(where.warning);
  return {
    formatVersion: 1,
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    ...(where.region ? { region: where.region } : {}),
    ...(where.account ? { account: where.account, accountSource: where.accountSource! } : {}),
    ...(desired.revision !== undefined ? { revision: desired.revision } : {}),
    liveFingerprint: live.fingerprint,
    ...(live.read ? { liveRead: planLiveRead(live.read, opts.now) } : {}),
    groupAction,
    ...(previousGroups.length > 0 ? { previousGroups } : {}),
    jobs,
    summary: summarise(groupAction, jobs, previousGroups),
    warnings,
    ...(desired.environment !== undefined ? { environment: desired.environment } : {}),
    ...(desired.lookups?.length ? { lookups: desired.lookups } : {}),
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
  if (!p.family || !ACTIVE_STATUSES.has(p.plan.status)) return p.plan;
  const victims = revisionsBeyondKeep(p.family.active, keep, p.registersNew, referenced);
  const reason = `beyond keepRevisions=${keep}`;
  return {
    ...p.plan,
    actions: [...p.plan.actions, ...victims.map((r) => deregisterAction(p.plan.job, r, reason, 'berth'))],
  };
}

/** After the new copy: the old schedules go, then the old families' revisions nothing points at. */
function withMove(plan: JobPlan, move: Move, configured: string, referenced: ReadonlySet<string>): JobPlan {
  const reason = 'moved: renamed in berth.yaml';
  const actions: PlanAction[] = [...plan.actions];
  for (const s of move.schedules)
    actions.push(
      action('delete', 'schedule', scheduleKey(s, configured), {
        job: plan.job,
        arn: s.description.Arn,
        reason,
        origin: 'git',
      }),
    );
  for (const f of move.families)
    for (const r of unreferencedRevisions(f.active, referenced))
      actions.push(deregisterAction(plan.job, r, reason, 'git'));
  const status = plan.status === 'InSync' ? 'OutOfSync' : plan.status;
  return { ...plan, status, actions };
}

const orphanSchedules = (o: Orphan) => [...(o.schedule ? [o.schedule] : []), ...(o.previousSchedules ?? [])];

/** Schedule first, then the revisions nothing points at any more. */
function orphanPlan(
  o: Orphan,
  blockedBy: string | undefined,
  referenced: ReadonlySet<string>,
  configured: string,
): JobPlan {
  const plan: JobPlan = { job: o.job, status: 'Orphan', actions: [] };
  if (o.protected) {
    plan.message = `not deleted: the manifest for ${o.job} failed validation; its resources stay until it validates again`;
    return plan;
  }
  if (blockedBy) {
    plan.message = `not in git; not deleted (${blockedBy}; see warnings)`;
    return plan;
  }
  const reason = o.byHand ? 'not in git (added in AWS, not by berth)' : 'not in git';
  const origin = o.byHand ? 'aws' : 'git';
  for (const s of orphanSchedules(o))
    plan.actions.push(
      action('delete', 'schedule', scheduleKey(s, configured), {
        job: o.job,
        arn: s.description.Arn,
        reason,
        origin,
      }),
    );
  for (const f of [...(o.family ? [o.family] : []), ...(o.previousFamilies ?? [])])
    for (const r of unreferencedRevisions(f.active, referenced))
      plan.actions.push(deregisterAction(o.job, r, reason, origin));
  return plan;
}

/** Owned groups under a previous name that this plan leaves empty: deleted after the moves. */
function retiredGroups(live: LiveState, deleted: ReadonlySet<string>, configured: string): PlanAction[] {
  const prev = live.previous;
  if (!prev) return [];
  return prev.groups.flatMap((g) => {
    const inside = prev.schedules.filter((s) => s.group === g.name);
    if (inside.some((s) => !deleted.has(scheduleKey(s, configured)))) return [];
    return [
      action('delete', 'scheduleGroup', g.name, {
        ...(g.arn ? { arn: g.arn } : {}),
        reason: `berth's group before spec.scheduleGroup became ${configured}; empty once its schedules moved`,
        origin: 'git',
      }),
    ];
  });
}

function planLiveRead(read: NonNullable<LiveState['read']>, now: Date | undefined): PlanLiveRead {
  const age = now && Math.max(0, Math.round((now.getTime() - Date.parse(read.lastFullRead)) / 1000));
  return {
    kind: read.kind,
    ...(read.reason ? { reason: read.reason } : {}),
    lastFullRead: read.lastFullRead,
    ...(read.kind === 'full'
      ? { lastFullReadAgeSeconds: 0 }
      : age !== undefined
        ? { lastFullReadAgeSeconds: age }
        : {}),
  };
}
