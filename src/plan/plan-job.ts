// One desired job → JobPlan: ownership first (never touch what is not ours), then the
// task-definition and schedule actions, then the named status.
import { MANAGED_BY_VALUE, TAG, type DesiredJob, type DesiredState } from '../model/desired.js';
import type { LiveFamily, LiveState } from '../model/live.js';
import type { JobPlan, PlanAction, SyncStatus } from '../model/plan.js';
import { action } from './action.js';
import { planSchedule } from './plan-schedule.js';
import { planTaskDefinition } from './plan-task-definition.js';
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
}

export function scheduleNameOf(job: DesiredJob, desired: DesiredState): string {
  return job.scheduleName ?? desired.namePrefix + job.name;
}

export function planDesiredJob(job: DesiredJob, ctx: JobContext): PlannedJob {
  const { desired, live } = ctx;
  const head = { job: job.name, file: job.source.file };
  const family = live.families[job.family];
  if (job.schedule && ctx.groupConflict)
    return {
      plan: { ...head, status: 'Conflict', actions: [], message: ctx.groupConflict },
      registersNew: false,
    };
  if (family && (!family.owned || family.foreignOwner !== undefined))
    return {
      plan: { ...head, status: 'Conflict', actions: [], message: familyConflict(family, desired.owner) },
      registersNew: false,
    };

  const isSensitive = sensitiveEnvPredicate(job.sensitiveEnv);
  const td = planTaskDefinition(job, family, ctx.keepTag, isSensitive);
  const scheduleName = scheduleNameOf(job, desired);
  const schedule = planSchedule(job, scheduleName, td, family, live.schedules[scheduleName], {
    now: ctx.now,
    isSensitive,
  });
  const actions = schedule.action ? [td, schedule.action] : [td];
  const pending = actions.filter((a) => a.kind !== 'noop');

  if (job.sync.suspend) {
    const message = `sync.suspend is set: berth leaves this job alone; ${
      pending.length === 0 ? 'it matches git' : `it differs from git (${pending.map(describe).join(', ')})`
    }`;
    return { plan: { ...head, status: 'Suspended', actions: [], message }, registersNew: false };
  }

  // Apply skips completed jobs, so they carry no actions: re-registering a job that has run is pointless.
  if (schedule.completed) {
    const tdNote = td.kind === 'noop' ? '' : '; its task definition differs from git but is left as it is';
    const message = `one-time schedule ${scheduleName} has fired and AWS removed it; it is not created again${tdNote}`;
    return { plan: { ...head, status: 'Completed', actions: [], message }, registersNew: false };
  }

  const status = statusOf(job, family, pending);
  const plan: JobPlan = { ...head, status, actions: actions.map((a) => withReason(a, status)) };
  if (status === 'Drifted' && td.kind === 'noop')
    plan.message =
      'the task definition matches git (same content hash) but the schedule differs: edited in AWS, ' +
      'or a schedule-only change in git (schedules carry no content hash to tell which)';
  return { plan, ...(family ? { family } : {}), registersNew: td.kind !== 'noop' };
}

/**
 * OutOfSync and Drifted look the same in a diff. The content-hash tag on the live latest
 * revision tells them apart: equal to what git renders now means git did not change, so
 * AWS did.
 */
function statusOf(job: DesiredJob, family: LiveFamily | undefined, pending: PlanAction[]): SyncStatus {
  if (!family) return 'Missing';
  if (pending.length === 0) return 'InSync';
  return family.latest.tags[TAG.hash] === job.contentHash ? 'Drifted' : 'OutOfSync';
}

/** Why, for people, on changing actions that do not already say. */
function withReason(a: PlanAction, status: SyncStatus): PlanAction {
  if (a.kind === 'noop' || a.reason !== undefined) return a;
  const reason =
    status === 'OutOfSync'
      ? 'manifest changed'
      : status !== 'Drifted'
        ? undefined
        : a.resource === 'taskDefinition'
          ? 'out-of-band change'
          : 'differs from git';
  return reason === undefined ? a : action(a.kind, a.resource, a.name, { ...a, reason });
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
      `(${latest} has ${TAG.owner}=${family.foreignOwner}), not "${owner}"; berth will not touch it. ` +
      `Rename the job or change namePrefix so the names do not collide, or remove the job from the other installation first.`
    );
  return (
    `task-definition family ${family.family} exists but was not registered by this berth installation ` +
    `(${latest} lacks ${TAG.managedBy}=${MANAGED_BY_VALUE} and ${TAG.owner}=${owner}); berth will not touch it. ` +
    `Rename the job or change namePrefix, or adopt the family by tagging ${latest} with those two tags.`
  );
}
