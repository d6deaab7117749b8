// Executes a Plan against AWS in a safe order: schedule group first, then each job
// (bounded concurrency), one job's failure never stopping the others.
import pLimit from 'p-limit';
import type { ApplyEvent, ApplyResult, ApplyStep, JobOutcome } from '../model/apply.js';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LiveState } from '../model/live.js';
import type { JobPlan, Plan } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { executeJob } from './execute-job.js';
import { ScheduleReferences } from './references.js';
import { callsSince } from '../aws/call-counts.js';

export interface ApplyDeps {
  ports: AwsPorts;
  /** Milliseconds clock (injected so tests and the controller share one). */
  now: () => number;
  concurrency?: number;
  /** Stop starting new jobs once aborted; the job in flight finishes its current call. */
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
}

const SKIP_STATUSES = new Set(['Conflict', 'Suspended', 'Completed']);

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

  const outcomes = await Promise.all(
    plan.jobs.map((jobPlan) => {
      if (!work.includes(jobPlan)) return Promise.resolve(passive(jobPlan));
      return limit(async (): Promise<JobOutcome> => {
        if (deps.signal?.aborted) {
          interrupted = true;
          return {
            job: jobPlan.job,
            outcome: 'skipped',
            steps: [],
            durationMs: 0,
            error: { code: 'Interrupted', message: 'stopped before this job started' },
          };
        }
        emit({ type: 'job-start', job: jobPlan.job, index: work.indexOf(jobPlan), total: work.length });
        const outcome = await runJob(
          jobPlan,
          group.error,
          { ports: deps.ports, desired, live, refs },
          deps.now,
          emit,
        );
        done += 1;
        emit({
          type: 'job-done',
          job: jobPlan.job,
          outcome,
          done,
          total: work.length,
          elapsedMs: deps.now() - started,
        });
        return outcome;
      });
    }),
  );

  return {
    group: group.status,
    ...(group.error ? { groupError: group.error } : {}),
    jobs: outcomes,
    calls: callsSince(callsBefore, deps.ports.calls.snapshot()),
    durationMs: deps.now() - started,
    ok: group.status !== 'failed' && !interrupted && outcomes.every((o) => o.outcome !== 'failed'),
    interrupted,
  };
}

async function ensureGroup(
  plan: Plan,
  desired: DesiredState,
  live: LiveState,
  ports: AwsPorts,
): Promise<{ status: ApplyResult['group']; error?: string }> {
  if (live.group.status === 'unowned' || live.group.status === 'foreign') return { status: 'conflict' };
  if (plan.groupAction.kind !== 'create') return { status: 'unchanged' };
  try {
    await ports.scheduler.createScheduleGroup(desired.scheduleGroup, desired.groupTags);
    return { status: 'created' };
  } catch (err) {
    // A group that appeared meanwhile is fine only if it is ours; the next plan will tell.
    if (err instanceof BerthError && err.code === 'Conflict') {
      const g = await ports.scheduler.getScheduleGroup(desired.scheduleGroup);
      if (g && g.tags['berth:owner'] === desired.owner) return { status: 'unchanged' };
    }
    return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
}

async function runJob(
  jobPlan: JobPlan,
  groupError: string | undefined,
  ctx: Omit<Parameters<typeof executeJob>[1], 'record'>,
  now: () => number,
  emit: (e: ApplyEvent) => void,
): Promise<JobOutcome> {
  const t0 = now();
  const steps: ApplyStep[] = [];
  const record = (s: ApplyStep) => {
    steps.push(s);
    emit({ type: 'step', job: jobPlan.job, step: s });
  };
  const needsGroup = jobPlan.actions.some((a) => a.resource === 'schedule' && a.kind !== 'noop');
  if (groupError && needsGroup) {
    return {
      job: jobPlan.job,
      outcome: 'failed',
      steps,
      durationMs: 0,
      error: { code: 'GroupFailed', message: `schedule group not available: ${groupError}` },
    };
  }
  try {
    await executeJob(jobPlan, { ...ctx, record });
    return { job: jobPlan.job, outcome: 'applied', steps, durationMs: now() - t0 };
  } catch (err) {
    const code = err instanceof BerthError ? err.code : 'Internal';
    const message = err instanceof Error ? err.message : String(err);
    return { job: jobPlan.job, outcome: 'failed', steps, durationMs: now() - t0, error: { code, message } };
  }
}

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
