// One desired job → JobPlan: ownership first (never touch what is not ours), then the
// task-definition, tag and schedule actions, which side moved for each (plan/origins.ts), and
// the named status.
import { MANAGED_BY_VALUE, TAG, type DesiredJob, type DesiredState } from '../model/desired.js';
import type { LiveFamily, LiveState } from '../model/live.js';
import type { JobPlan, PlanAction } from '../model/plan.js';
import { familyView, findRevision, type FamilyView } from './family-view.js';
import { housekeeping } from './housekeeping.js';
import { oneTimeInstant } from './one-time.js';
import { statusOf, withOrigins } from './origins.js';
import { planSchedule } from './plan-schedule.js';
import { planRevisionTags, planTaskDefinition } from './plan-task-definition.js';
import { NO_SCHEDULE } from './record.js';
import { sensitiveEnvPredicate } from './sensitive.js';

export interface JobContext {
  desired: DesiredState;
  live: LiveState;
  keepTag: (key: string) => boolean;
  now: Date | undefined;
  /** Why schedules in the configured group may not be touched; undefined when the group is usable. */
  groupConflict: string | undefined;
}

export interface PlannedJob {
  plan: JobPlan;
  /** The owned live family whose old revisions may be pruned (absent when the job gets no actions). */
  family?: LiveFamily;
  registersNew: boolean;
  /** A one-time job whose at() passed before its schedule was ever created (a plan warning). */
  expired?: string;
}

export function scheduleNameOf(job: DesiredJob, desired: DesiredState): string {
  return job.scheduleName ?? desired.namePrefix + job.name;
}

export function planDesiredJob(job: DesiredJob, ctx: JobContext): PlannedJob {
  const { desired, live } = ctx;
  const head = { job: job.name, file: job.source.file };
  const family = live.families[job.family];
  const conflict = (message: string): PlannedJob => ({
    plan: { ...head, status: 'Conflict', actions: [], message },
    registersNew: false,
  });
  if (job.schedule && ctx.groupConflict) return conflict(ctx.groupConflict);
  if (family && (!family.owned || family.foreignOwner !== undefined))
    return conflict(familyConflict(family, desired.owner));

  const view = family ? familyView(family, desired.owner) : undefined;
  const isSensitive = sensitiveEnvPredicate(job.sensitiveEnv);
  const scheduleName = scheduleNameOf(job, desired);
  const liveSchedule = live.schedules[scheduleName];
  const pinnedArn = liveSchedule?.description.Target?.EcsParameters?.TaskDefinitionArn;
  const pinned = pinnedArn
    ? (findRevision(Object.values(live.families), pinnedArn) ??
      live.deregistered?.find((r) => r.arn === pinnedArn))
    : undefined;

  const td = planTaskDefinition(job, family, view, { pinned, keepTag: ctx.keepTag, isSensitive });
  const tags = td.target ? planRevisionTags(job, td.target, { keepTag: ctx.keepTag }) : undefined;
  const schedule = planSchedule(
    job,
    scheduleName,
    { target: td.target, pinned, family: job.family },
    liveSchedule,
    { now: ctx.now, isSensitive },
  );
  const actions = [td.action, ...(tags ? [tags] : []), ...(schedule.action ? [schedule.action] : [])];
  const pending = actions.filter((a) => a.kind !== 'noop');

  if (job.sync.suspend) {
    const message = `sync.suspend is set: berth leaves this job alone; ${
      pending.length === 0 ? 'it matches git' : `it differs from git (${pending.map(describe).join(', ')})`
    }`;
    const differs = pending.length > 0 ? { differs: true } : {};
    return { plan: { ...head, status: 'Suspended', actions: [], message, ...differs }, registersNew: false };
  }

  if (schedule.expired) return expiredOneTime(job, head, td.action, view, scheduleName);

  const classified = withOrigins(actions, {
    job,
    view,
    target: td.target,
    pinned,
    pinnedArn,
    owner: desired.owner,
  });
  const extra = housekeeping(job, { view, target: td.target, actions: classified });
  const all = [...classified, ...extra];
  const status = statusOf(family, all);
  const plan: JobPlan = { ...head, status, actions: all };
  const message = explain(view, td.action, status);
  if (message) plan.message = message;
  return { plan, ...(family ? { family } : {}), registersNew: td.action.kind !== 'noop' };
}

/**
 * A one-time at() schedule whose time has passed and which AWS does not have: it fired and AWS
 * removed it, or it was merged too late. Either way it is not created; the task definition is
 * registered when berth has none, so that `berth run` can start the job.
 */
function expiredOneTime(
  job: DesiredJob,
  head: Pick<JobPlan, 'job' | 'file'>,
  td: PlanAction,
  view: FamilyView | undefined,
  scheduleName: string,
): PlannedJob {
  const at = job.schedule?.ScheduleExpression ?? 'at()';
  if (!view?.head) {
    const message =
      `${at} is in the past: its schedule is not created; the task definition is registered ` +
      `so that \`berth run ${job.name}\` can start it`;
    const register = { ...td, reason: td.reason ?? 'not in AWS', origin: 'git' as const };
    const when = oneTimeInstant(job.schedule!)?.toISOString() ?? at;
    return {
      plan: { ...head, status: view ? 'OutOfSync' : 'Missing', actions: [register], message },
      registersNew: true,
      expired: `${job.name}: ${at} is in the past (${when}): its schedule is not created`,
    };
  }
  // A record means berth once wrote a schedule for this job: it fired (or was removed) since.
  const fired = view.record !== undefined && view.record.schedule !== NO_SCHEDULE;
  const tdNote = td.kind === 'noop' ? '' : '; its task definition differs from git but is left as it is';
  const message = fired
    ? `one-time schedule ${scheduleName} has fired and AWS removed it; it is not created again${tdNote}`
    : `${at} is in the past: its schedule is not created${tdNote}`;
  return { plan: { ...head, status: 'Completed', actions: [], message }, registersNew: false };
}

/** A line for people when the status alone would leave them guessing. */
function explain(
  view: FamilyView | undefined,
  td: PlanAction,
  status: JobPlan['status'],
): string | undefined {
  const foreign = view?.foreignLatest;
  if (foreign && td.kind !== 'noop')
    return (
      `${foreign.family}:${foreign.revision} was registered without berth's tags (out of band): berth ` +
      `registers its own revision on top and points the schedule at it`
    );
  if (status === 'Drifted')
    return 'changed in AWS since berth applied git’s version (see docs/ownership-and-state.md)';
  return undefined;
}

function describe(a: PlanAction): string {
  const n = a.changes.length;
  return `${a.resource} ${a.kind}${n > 0 && a.kind === 'update' ? ` (${n} field${n === 1 ? '' : 's'})` : ''}`;
}

function familyConflict(family: LiveFamily, owner: string): string {
  const latest = `${family.family}:${family.latest.revision}`;
  if (family.foreignOwner !== undefined)
    return (
      `task-definition family ${family.family} belongs to berth installation "${family.foreignOwner}" ` +
      `(its newest berth revision has ${TAG.owner}=${family.foreignOwner}), not "${owner}"; berth will not touch it. ` +
      `Rename the job or change namePrefix so the names do not collide, or remove the job from the other installation first.`
    );
  return (
    `task-definition family ${family.family} exists but berth never registered a revision in it ` +
    `(no ACTIVE revision has ${TAG.managedBy}=${MANAGED_BY_VALUE} and ${TAG.owner}=${owner}); berth will not touch it. ` +
    `Rename the job or change namePrefix, or adopt the family with \`berth import --adopt\` (it tags ${latest} as berth's).`
  );
}
