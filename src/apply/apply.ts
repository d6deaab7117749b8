// Executes a Plan against AWS in a safe order: schedule group first, then each job's writes
// (bounded concurrency, one job's failure never stopping the others), then the deregistrations
// once every schedule has moved, then the group's tags and the groups a rename left empty.
// One pass: what the plan says is done, or the job says why not, so the next plan is a no-op.
import pLimit from 'p-limit';
import type { ApplyEvent, ApplyResult, ApplyStep, JobOutcome } from '../model/apply.js';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LiveState } from '../model/live.js';
import type { JobPlan, Plan } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { deregisterPlanned, plannedDeregistrations } from './deregister.js';
import { executeJob, type JobContext } from './execute-job.js';
import { ensureGroup, movesPrefix, retireGroups, updateGroupTags } from './group.js';
import { ScheduleReferences } from './references.js';
import { callsSince } from '../aws/call-counts.js';
import type { CachedSchedule } from '../live/cache.js';

export interface ApplyDeps {
  ports: AwsPorts;
  /** Milliseconds clock (injected so tests and the controller share one). */
  now: () => number;
  concurrency?: number;
  /** Stop starting new jobs once aborted; the job in flight finishes its current call. */
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
  /**
   * Told about every revision whose tags apply changed, and every one it registered or
   * deregistered (the live cache forgets it, and its family's cached revision list).
   */
  onRetagged?: (arn: string) => void;
  /**
   * Told about each schedule apply read back after writing it (the live cache keeps it, so the
   * next read of the group skips that GetSchedule).
   */
  onReadBack?: (name: string, value: CachedSchedule) => void;
}

const SKIP_STATUSES = new Set(['Conflict', 'Suspended', 'Completed']);

interface Running {
  plan: JobPlan;
  steps: ApplyStep[];
  started: number;
  outcome?: JobOutcome;
}

export async function applyPlan(
  plan: Plan,
  desired: DesiredState,
  live: LiveState,
  deps: ApplyDeps,
): Promise<ApplyResult> {
  const started = deps.now();
  const callsBefore = deps.ports.calls.snapshot();
  const emit = deps.onEvent ?? (() => undefined);
  const group = await ensureGroup(plan, desired, live, deps.ports);
  emit({ type: 'group', status: group.status });

  const refs = new ScheduleReferences(live);
  const work = plan.jobs.filter(
    (j) => j.actions.some((a) => a.kind !== 'noop') && !SKIP_STATUSES.has(j.status),
  );
  const limit = pLimit(Math.max(1, deps.concurrency ?? 4));
  let done = 0;
  let interrupted = false;
  const finish = (r: Running, outcome: JobOutcome): JobOutcome => {
    r.outcome = outcome;
    done += 1;
    emit({
      type: 'job-done',
      job: r.plan.job,
      outcome,
      done,
      total: work.length,
      elapsedMs: deps.now() - started,
    });
    return outcome;
  };
  const ctxFor = (r: Running): JobContext => ({
    ports: deps.ports,
    desired,
    live,
    refs,
    record: (s) => {
      r.steps.push(s);
      // The family's revisions changed: the next light read lists it again (light-listing.ts).
      if (s.ok && s.arn && (s.step === 'register' || s.step === 'deregister')) deps.onRetagged?.(s.arn);
      emit({ type: 'step', job: r.plan.job, step: s });
    },
    forget: (arn) => deps.onRetagged?.(arn),
    remember: (name, value) => deps.onReadBack?.(name, value),
  });

  // 1. Each job's registrations, tags and schedule writes.
  const running: Running[] = [];
  await Promise.all(
    work.map((jobPlan, index) =>
      limit(async () => {
        const r: Running = { plan: jobPlan, steps: [], started: deps.now() };
        running.push(r);
        if (deps.signal?.aborted) {
          interrupted = true;
          return finish(r, {
            job: jobPlan.job,
            outcome: 'skipped',
            steps: [],
            durationMs: 0,
            error: { code: 'Interrupted', message: 'stopped before this job started' },
          });
        }
        emit({ type: 'job-start', job: jobPlan.job, index, total: work.length });
        const failed = await attempt(r, group.error, () => executeJob(jobPlan, ctxFor(r)), deps.now);
        if (failed) return finish(r, failed);
        if (plannedDeregistrations(jobPlan).length === 0) return finish(r, applied(r, deps.now));
        return undefined;
      }),
    ),
  );

  // 2. Deregistrations, now that every schedule has moved (those of jobs in flight included).
  await Promise.all(
    running
      .filter((r) => !r.outcome)
      .map((r) =>
        limit(async () => {
          const failed = await attempt(r, undefined, () => deregisterPlanned(r.plan, ctxFor(r)), deps.now);
          return finish(r, failed ?? applied(r, deps.now));
        }),
      ),
  );

  const outcomes = plan.jobs.map((j) => running.find((r) => r.plan === j)?.outcome ?? passive(j));
  const jobsOk = !interrupted && outcomes.every((o) => o.outcome !== 'failed');

  // 3. The group's tags (its recorded namePrefix only once every old copy is gone), then the
  //    groups a rename left empty.
  const groupSteps: ApplyStep[] = [];
  let groupStatus = group.status;
  let groupError = group.error;
  if (group.status === 'unchanged' && plan.groupAction.kind === 'update') {
    if (movesPrefix(plan.groupAction) && !jobsOk) {
      groupSteps.push({
        step: 'tag-group',
        name: plan.groupAction.name,
        ok: false,
        error: 'left until every job has moved',
      });
    } else {
      const error = await updateGroupTags(plan.groupAction, deps.ports);
      groupSteps.push({
        step: 'tag-group',
        name: plan.groupAction.name,
        ok: !error,
        ...(error ? { error } : {}),
      });
      if (error) [groupStatus, groupError] = ['failed', error];
      else groupStatus = 'updated';
    }
  }
  if (jobsOk && plan.previousGroups?.length)
    groupSteps.push(...(await retireGroups(plan.previousGroups, deps.ports)));

  return {
    group: groupStatus,
    ...(groupError ? { groupError } : {}),
    ...(groupSteps.length > 0 ? { groupSteps } : {}),
    jobs: outcomes,
    calls: callsSince(callsBefore, deps.ports.calls.snapshot()),
    durationMs: deps.now() - started,
    ok: groupStatus !== 'failed' && jobsOk && groupSteps.every((s) => s.ok),
    interrupted,
  };
}

/** Runs one phase of a job; a failure becomes its outcome (undefined when it went through). */
async function attempt(
  r: Running,
  groupError: string | undefined,
  fn: () => Promise<void>,
  now: () => number,
): Promise<JobOutcome | undefined> {
  const needsGroup = r.plan.actions.some((a) => a.resource === 'schedule' && a.kind !== 'noop');
  const base = { job: r.plan.job, outcome: 'failed' as const, steps: r.steps };
  if (groupError && needsGroup)
    return {
      ...base,
      durationMs: 0,
      error: { code: 'GroupFailed', message: `schedule group not available: ${groupError}` },
    };
  try {
    await fn();
    return undefined;
  } catch (err) {
    const code = err instanceof BerthError ? err.code : 'Internal';
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, durationMs: now() - r.started, error: { code, message } };
  }
}

const applied = (r: Running, now: () => number): JobOutcome => ({
  job: r.plan.job,
  outcome: 'applied',
  steps: r.steps,
  durationMs: now() - r.started,
});

/** Jobs apply does not touch: ownership conflicts fail (someone must act), suspended ones are skipped. */
function passive(jobPlan: JobPlan): JobOutcome {
  const base = { job: jobPlan.job, steps: [], durationMs: 0 };
  if (jobPlan.status === 'Conflict') {
    return {
      ...base,
      outcome: 'failed',
      error: { code: 'Ownership', message: jobPlan.message ?? 'owned by someone else' },
    };
  }
  return { ...base, outcome: jobPlan.status === 'Suspended' ? 'skipped' : 'unchanged' };
}
