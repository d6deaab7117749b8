// Per-job planning, remembered. planDesiredJob is pure, so equal inputs give an equal JobPlan:
// a job whose inputs hash to a key seen before, and that was InSync then, is not planned again
// (most of a warm no-op plan's CPU at 1,000 jobs was re-proving 1,000 jobs unchanged). The key is
// every input the job planner can read: the desired job, the rest of the desired state, the live
// group, the job's live family and schedule, deregistered pinned revisions, the group conflict,
// `now` for one-time jobs, and the planner's own code version (a store persisted across berth versions supplies it). Only InSync
// results are kept: they are small, hold no Dates, and a changed job is planned afresh anyway.
import { createHash } from 'node:crypto';
import type { DesiredJob } from '../model/desired.js';
import type { JobPlan } from '../model/plan.js';
import { planDesiredJob, scheduleNameOf, type JobContext, type PlannedJob } from './plan-job.js';

export interface MemoisedJobPlan {
  plan: JobPlan;
  /** The job's live family went with the result (revision pruning reads it). */
  withFamily: boolean;
}

export interface JobPlanStore {
  /** Identifies the planner's code: results of another version never match. */
  readonly version: string;
  get(key: string): MemoisedJobPlan | undefined;
  set(key: string, value: MemoisedJobPlan): void;
}

export function memoisedJobPlanner(store: JobPlanStore): (job: DesiredJob, ctx: JobContext) => PlannedJob {
  return (job, ctx) => {
    const key = jobPlanKey(store.version, job, ctx);
    const family = ctx.live.families[job.family];
    const hit = store.get(key);
    if (hit) return { plan: hit.plan, registersNew: false, ...(hit.withFamily && family ? { family } : {}) };
    const planned = planDesiredJob(job, ctx);
    const p = planned.plan;
    if (p.status === 'InSync' && !planned.registersNew && p.actions.every((a) => a.kind === 'noop'))
      store.set(key, { plan: p, withFamily: planned.family !== undefined });
    return planned;
  };
}

export function jobPlanKey(version: string, job: DesiredJob, ctx: JobContext): string {
  const inputs = [
    sharedInputs(version, ctx),
    job,
    ctx.live.families[job.family] ?? null,
    ctx.live.schedules[scheduleNameOf(job, ctx.desired)] ?? null,
    // Revisions schedules pin that were deregistered by hand (plan-job.ts reads the one its
    // schedule pins); nearly always empty.
    ctx.live.deregistered?.length ? ctx.live.deregistered : null,
    // Only one-time jobs read the clock (has the schedule fired?).
    job.oneTime ? (ctx.now?.toISOString() ?? null) : null,
  ];
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
}

/**
 * The inputs every job of one plan shares (planner version, the desired state but its jobs, the
 * live group, the group conflict), serialised once per plan: one JobContext is one plan, and
 * nothing in it changes while the plan is computed.
 */
const shared = new WeakMap<JobContext, { version: string; text: string }>();
function sharedInputs(version: string, ctx: JobContext): string {
  const known = shared.get(ctx);
  if (known?.version === version) return known.text;
  const { jobs: _jobs, ...settings } = ctx.desired;
  const text = JSON.stringify([version, settings, ctx.live.group, ctx.groupConflict ?? null]);
  shared.set(ctx, { version, text });
  return text;
}
