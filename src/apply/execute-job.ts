// Executes one job's actions in the order that keeps every live schedule valid:
// register → create/update schedule (pinned to the exact revision) → delete schedule →
// deregister revisions beyond keepRevisions that no schedule references.
import type { ApplyStep } from '../model/apply.js';
import type { ScheduleInput } from '../model/aws-types.js';
import type { DesiredJob, DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LiveRevisionRef, LiveState } from '../model/live.js';
import type { JobPlan, PlanAction } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { leftoverCopies, lostRegistrations } from './lost-registrations.js';
import type { ScheduleReferences } from './references.js';
import { pinnedSchedule, registerInput, scheduleClientToken } from './requests.js';
import { revisionKey, revisionsBeyondKeep, unreferencedRevisions } from '../plan/revisions.js';

export interface JobContext {
  ports: AwsPorts;
  desired: DesiredState;
  live: LiveState;
  refs: ScheduleReferences;
  record: (step: ApplyStep) => void;
}

const find = (plan: JobPlan, resource: PlanAction['resource'], kinds: PlanAction['kind'][]) =>
  plan.actions.find((a) => a.resource === resource && kinds.includes(a.kind));

export async function executeJob(plan: JobPlan, ctx: JobContext): Promise<void> {
  const job = ctx.desired.jobs.find((j) => j.name === plan.job);
  const family = job?.family ?? familyOf(plan);
  let newRevision: LiveRevisionRef | undefined;

  const td = find(plan, 'taskDefinition', ['create', 'update']);
  if (td && job) newRevision = await register(job, ctx);

  const schedule = find(plan, 'schedule', ['create', 'update']);
  if (schedule && job?.schedule) {
    if (!newRevision && job) {
      const leftover = await step(ctx, 'find-lost-registrations', job.family, () => leftoverCopies(job, ctx));
      await retire(job.family, leftover, ctx);
    }
    await upsertSchedule(schedule, job, newRevision, ctx);
  }

  const scheduleDelete = find(plan, 'schedule', ['delete']);
  if (scheduleDelete) await deleteSchedule(scheduleDelete.name, ctx);

  const removesFamily = !job && plan.actions.some((a) => a.kind === 'delete' && a.resource !== 'schedule');
  const prunesRevisions = plan.actions.some(
    (a) => a.resource === 'taskDefinitionRevision' && a.kind === 'delete',
  );
  if (family && (newRevision || prunesRevisions || removesFamily)) {
    await deregisterOld(family, newRevision, removesFamily ? 0 : ctx.desired.keepRevisions, ctx);
  }
}

async function register(job: DesiredJob, ctx: JobContext): Promise<LiveRevisionRef> {
  const out = await step(ctx, 'register', job.family, () =>
    ctx.ports.ecs.registerTaskDefinition(registerInput(job, ctx.desired.revision)),
  );
  ctx.record({ step: 'register', name: `${job.family}:${out.revision}`, arn: out.arn, ok: true });
  const registered = { arn: out.arn, family: job.family, revision: out.revision };
  // The SDK's retry after a lost response registered the content twice: the copy goes.
  const lost = await step(ctx, 'find-lost-registrations', job.family, () =>
    lostRegistrations(job, registered, ctx),
  );
  await retire(job.family, lost, ctx);
  return registered;
}

async function upsertSchedule(
  action: PlanAction,
  job: DesiredJob,
  newRevision: LiveRevisionRef | undefined,
  ctx: JobContext,
): Promise<void> {
  const base = (action.after as ScheduleInput | undefined) ?? (job.schedule as ScheduleInput);
  const input = pinnedSchedule(base, newRevision?.arn ?? ctx.live.families[job.family]?.latest.arn);
  const arn = input.Target?.EcsParameters?.TaskDefinitionArn;
  if (action.kind === 'create') {
    await step(ctx, 'create-schedule', job.scheduleName ?? job.name, async () => {
      try {
        await ctx.ports.scheduler.createSchedule({ ...input, ClientToken: scheduleClientToken(input) });
      } catch (err) {
        // Someone (or an interrupted earlier apply) made it meanwhile: converge by replacing it.
        if (!(err instanceof BerthError && err.code === 'Conflict')) throw err;
        await ctx.ports.scheduler.updateSchedule(input);
      }
    });
  } else {
    await step(ctx, 'update-schedule', job.scheduleName ?? job.name, () =>
      ctx.ports.scheduler.updateSchedule(input),
    );
  }
  ctx.record({
    step: `${action.kind}-schedule`,
    name: input.Name ?? job.name,
    ...(arn ? { arn } : {}),
    ok: true,
  });
  if (arn && input.Name) ctx.refs.set(input.Name, arn);
}

async function deleteSchedule(name: string, ctx: JobContext): Promise<void> {
  await step(ctx, 'delete-schedule', name, async () => {
    try {
      await ctx.ports.scheduler.deleteSchedule(ctx.desired.scheduleGroup, name);
    } catch (err) {
      if (!(err instanceof BerthError && err.code === 'NotFound')) throw err;
    }
  });
  ctx.record({ step: 'delete-schedule', name, ok: true });
  ctx.refs.delete(name);
}

async function deregisterOld(
  family: string,
  newRevision: LiveRevisionRef | undefined,
  keep: number,
  ctx: JobContext,
): Promise<void> {
  const active = [...(ctx.live.families[family]?.active ?? [])];
  if (newRevision) active.push(newRevision);
  // The keep rule is the planner's; references are re-read here because apply moves them.
  const referenced = new Set([...ctx.refs.snapshot()].map((arn) => revisionKey(arn) ?? arn));
  const victims =
    keep === 0
      ? unreferencedRevisions(active, referenced)
      : revisionsBeyondKeep(active, keep, false, referenced);
  await retire(family, victims, ctx);
}

/** Deregisters revisions (and deletes them when prune.deleteInactive says so). */
async function retire(family: string, victims: LiveRevisionRef[], ctx: JobContext): Promise<void> {
  for (const r of victims) {
    await step(ctx, 'deregister', `${r.family}:${r.revision}`, () =>
      ctx.ports.ecs.deregisterTaskDefinition(r.arn),
    );
    ctx.record({ step: 'deregister', name: `${r.family}:${r.revision}`, arn: r.arn, ok: true });
  }
  if (ctx.desired.prune.deleteInactive && victims.length > 0) {
    const arns = victims.map((v) => v.arn);
    await step(ctx, 'delete-inactive', family, () => ctx.ports.ecs.deleteTaskDefinitions(arns));
    ctx.record({ step: 'delete-inactive', name: family, ok: true });
  }
}

/** Runs one AWS step; a failure is recorded with its step name and rethrown to stop this job. */
async function step<T>(ctx: JobContext, name: string, target: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.record({ step: name, name: target, ok: false, error: message });
    throw err;
  }
}

function familyOf(plan: JobPlan): string | undefined {
  for (const a of plan.actions) {
    if (a.resource === 'taskDefinition') return a.name.split(':')[0];
    if (a.resource === 'taskDefinitionRevision') return (revisionKey(a.arn ?? '') ?? a.name).split(':')[0];
  }
  return undefined;
}
