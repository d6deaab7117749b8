// What is wrong with a job's runs, found purely from the runs, the schedule and the time:
// a run that failed, an invocation Scheduler could not make, a fire time with no task, a run
// past its maxDuration, a firing while the previous run still runs.
import type { DesiredJob } from '../model/desired.js';
import type { RunRecord } from '../model/runs.js';
import { nextFireTimes, timingOf } from '../schedule-times/index.js';

export type RunFinding =
  | { kind: 'run-failed'; job: string; run: RunRecord }
  | { kind: 'run-invocation-failed'; job: string; run: RunRecord }
  | { kind: 'run-missed'; job: string; fireTime: string; graceMinutes: number }
  | { kind: 'run-overran'; job: string; run: RunRecord; maxDurationMs: number; stopping: boolean }
  | { kind: 'run-overlap'; job: string; fireTime: string; running: RunRecord };

export interface CheckInput {
  job: DesiredJob;
  /** Every run kept for the job, newest first. */
  runs: readonly RunRecord[];
  /** Runs that are new or changed since the last check. */
  changed: readonly RunRecord[];
  now: number;
  /** Fire times after this and up to now − grace − window were not checked yet. */
  missedFrom: number;
  /** Fire times after this and up to now were not checked for overlap yet. */
  overlapFrom: number;
  graceMinutes: number;
  /** The schedule exists in AWS as git has it (a job not applied yet cannot have missed a run). */
  scheduleLive: boolean;
}

export interface CheckResult {
  findings: RunFinding[];
  /** Where the next check starts (missedFrom, overlapFrom). */
  missedUntil: number;
  overlapUntil: number;
}

/** A task created this long before its fire time still counts (clocks differ a little). */
const EARLY_MS = 60_000;
const MAX_FIRE_TIMES = 100;

export function checkJobRuns(input: CheckInput): CheckResult {
  const { job, now } = input;
  const findings: RunFinding[] = [];
  for (const run of input.changed) {
    if (run.result === 'Failed' || run.result === 'FailedToStart')
      findings.push({ kind: 'run-failed', job: job.name, run });
    if (run.result === 'InvocationFailed')
      findings.push({ kind: 'run-invocation-failed', job: job.name, run });
  }
  const max = job.health?.maxDurationMs;
  if (max !== undefined)
    for (const run of input.runs)
      if ((run.result === 'Running' || run.result === 'Pending') && (run.durationSeconds ?? 0) * 1000 > max)
        findings.push({
          kind: 'run-overran',
          job: job.name,
          run,
          maxDurationMs: max,
          stopping: job.health?.stopAfterMaxDuration === true,
        });

  const timing = job.schedule ? timingOf(job.schedule) : undefined;
  // rate() without a StartDate counts from the schedule's creation, which git does not know.
  const anchored =
    timing && !(timing.expression.startsWith('rate(') && !timing.startDate && !timing.createdAt);
  const windowMs = (job.schedule?.FlexibleTimeWindow?.MaximumWindowInMinutes ?? 0) * 60_000;
  const missedUntil = Math.max(input.missedFrom, now - input.graceMinutes * 60_000 - windowMs);
  if (!timing || !anchored || !input.scheduleLive) return { findings, missedUntil, overlapUntil: now };

  for (const t of fireTimes(timing, input.missedFrom, missedUntil)) {
    const started = input.runs.some(
      (r) =>
        (r.trigger === 'schedule' || r.result === 'InvocationFailed') &&
        inRange(r.createdAt ?? r.startedAt, t - EARLY_MS, t + windowMs + input.graceMinutes * 60_000),
    );
    if (!started)
      findings.push({
        kind: 'run-missed',
        job: job.name,
        fireTime: new Date(t).toISOString(),
        graceMinutes: input.graceMinutes,
      });
  }
  if (job.health?.overlap === 'alert')
    for (const t of fireTimes(timing, input.overlapFrom, now)) {
      const running = input.runs.find(
        (r) =>
          r.taskArn !== null &&
          inRange(r.createdAt ?? r.startedAt, -Infinity, t - EARLY_MS) &&
          (r.stoppedAt === null
            ? r.result === 'Running' || r.result === 'Pending'
            : Date.parse(r.stoppedAt) > t),
      );
      if (running)
        findings.push({ kind: 'run-overlap', job: job.name, fireTime: new Date(t).toISOString(), running });
    }
  return { findings, missedUntil, overlapUntil: now };
}

function fireTimes(timing: NonNullable<ReturnType<typeof timingOf>>, from: number, to: number): number[] {
  if (to <= from) return [];
  return nextFireTimes(timing, new Date(from), MAX_FIRE_TIMES)
    .times.map((d) => d.getTime())
    .filter((t) => t <= to);
}

function inRange(iso: string | null, from: number, to: number): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= from && t <= to;
}
