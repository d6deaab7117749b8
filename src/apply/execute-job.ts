// Executes one job's writes in the order that keeps every live schedule valid:
// register → tag → create/update schedule (pinned to the exact revision) and its record →
// delete schedules (its own, old copies after a rename). Deregistrations wait for every job's
// schedules to have moved (apply/deregister.ts): a revision another job's schedule is about
// to leave must not be skipped, nor one it still points at be taken away.
import type { ApplyStep } from '../model/apply.js';
import type { ScheduleInput } from '../model/aws-types.js';
import type { DesiredJob, DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LiveRevisionRef, LiveState } from '../model/live.js';
import type { JobPlan, PlanAction } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { retire } from './deregister.js';
import { leftoverCopies, lostRegistrations } from './lost-registrations.js';
import type { ScheduleReferences } from './references.js';
import { pinnedSchedule, registerInput, scheduleClientToken } from './requests.js';
import { step } from './step.js';
import type { CachedSchedule } from '../live/cache.js';
import { deepEqual } from '../plan/json.js';
import { normaliseSchedule } from '../plan/normalise-schedule.js';
import { writeRecord, writeRevisionTags } from './tags.js';

export interface JobContext {
  ports: AwsPorts;
  desired: DesiredState;
  live: LiveState;
  refs: ScheduleReferences;
  record: (step: ApplyStep) => void;
  /** Forgets a revision whose tags changed (the live cache would show the old ones). */
  forget: (arn: string) => void;
  /** Keeps a schedule read back after its write (the live cache, keyed by name). */
  remember: (name: string, value: CachedSchedule) => void;
}

const find = (plan: JobPlan, resource: PlanAction['resource'], kinds: PlanAction['kind'][]) =>
  plan.actions.find((a) => a.resource === resource && kinds.includes(a.kind));

export async function executeJob(plan: JobPlan, ctx: JobContext): Promise<void> {
  const job = ctx.desired.jobs.find((j) => j.name === plan.job);
  let newRevision: LiveRevisionRef | undefined;

  const td = find(plan, 'taskDefinition', ['create', 'update']);
  if (td && job) newRevision = await register(job, ctx);

  for (const a of plan.actions)
    if (a.resource === 'taskDefinitionTags' && a.kind === 'update') await writeRevisionTags(a, ctx);

  const schedule = find(plan, 'schedule', ['create', 'update']);
  if (schedule && job?.schedule) {
    if (!newRevision) {
      const pinTo = (schedule.after as ScheduleInput | undefined)?.Target?.EcsParameters?.TaskDefinitionArn;
      const leftover = await step(ctx, 'find-lost-registrations', job.family, () =>
        leftoverCopies(job, pinTo, ctx),
      );
      await retire(job.family, leftover, ctx);
    }
    const written = await upsertSchedule(schedule, job, newRevision, ctx);
    // The record says "berth wrote git's version": only once AWS shows it did (a write AWS
    // acknowledged but did not make must stay a git change, never become drift).
    if (await landed(written, ctx)) await writeRecord(job, newRevision?.arn, ctx);
  }

  for (const a of plan.actions)
    if (a.resource === 'schedule' && a.kind === 'delete') await deleteSchedule(a.name, ctx);
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
): Promise<ScheduleInput> {
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
  return input;
}

/** Reads the schedule back: does AWS now have what was written? */
async function landed(input: ScheduleInput, ctx: JobContext): Promise<boolean> {
  const name = input.Name;
  if (!name) return false;
  const group = input.GroupName ?? ctx.desired.scheduleGroup;
  const back = await step(ctx, 'read-back', name, () => ctx.ports.scheduler.getSchedule(group, name));
  if (!back) return false;
  const lastModified = back.LastModificationDate ? new Date(back.LastModificationDate).toISOString() : '';
  if (lastModified && group === ctx.desired.scheduleGroup)
    ctx.remember(name, { lastModified, description: back });
  return deepEqual(normaliseSchedule(back), normaliseSchedule(input));
}

/** "group/name" is a schedule in another group berth owns (an old copy after a rename). */
async function deleteSchedule(planned: string, ctx: JobContext): Promise<void> {
  const slash = planned.indexOf('/');
  const group = slash < 0 ? ctx.desired.scheduleGroup : planned.slice(0, slash);
  const name = slash < 0 ? planned : planned.slice(slash + 1);
  await step(ctx, 'delete-schedule', planned, async () => {
    try {
      await ctx.ports.scheduler.deleteSchedule(group, name);
    } catch (err) {
      if (!(err instanceof BerthError && err.code === 'NotFound')) throw err;
    }
  });
  ctx.record({ step: 'delete-schedule', name: planned, ok: true });
  ctx.refs.delete(planned);
}
