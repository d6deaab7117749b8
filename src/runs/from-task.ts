// One described ECS task → one run record (pure). The result and exit code follow `berth run
// --wait` (src/run/outcome.ts), so the CLI, the controller and the status page agree.
import type { EcsTask, LiveTaskDefinitionDescription } from '../model/aws-types.js';
import type { RunRecord, RunResult, RunSource } from '../model/runs.js';
import { logLocations } from '../run/log-location.js';
import { taskOutcome } from '../run/outcome.js';
import { triggerOf } from './trigger.js';

export interface RunContext {
  job: string;
  /** The container whose failure is the run's exit code. */
  mainContainer: string;
  /** The task's revision, for essential flags and log locations (unknown: every container essential, no logs). */
  revision?: LiveTaskDefinitionDescription;
  region?: string;
  now: number;
  source?: RunSource;
}

const iso = (d: Date | string | number | undefined) => (d === undefined ? null : new Date(d).toISOString());

export function runFromTask(task: EcsTask, ctx: RunContext): RunRecord {
  const arn = task.taskArn ?? '';
  const essential = (name: string) =>
    ctx.revision?.containerDefinitions?.find((c) => c.name === name)?.essential !== false;
  const outcome = taskOutcome(task, arn, ctx.mainContainer, essential);
  const result: RunResult =
    task.lastStatus === 'STOPPED'
      ? (outcome.result as RunResult)
      : task.lastStatus === 'RUNNING' || task.lastStatus === 'DEACTIVATING' || task.lastStatus === 'STOPPING'
        ? 'Running'
        : 'Pending';
  const from = task.startedAt ?? task.createdAt;
  const to = task.stoppedAt ?? (task.lastStatus === 'STOPPED' ? undefined : ctx.now);
  return {
    job: ctx.job,
    taskArn: arn || null,
    taskDefinitionArn: task.taskDefinitionArn ?? null,
    trigger: triggerOf(task.startedBy),
    startedBy: task.startedBy ?? null,
    createdAt: iso(task.createdAt),
    startedAt: iso(task.startedAt),
    stoppedAt: iso(task.stoppedAt),
    durationSeconds:
      from !== undefined && to !== undefined
        ? Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000))
        : null,
    lastStatus: task.lastStatus ?? null,
    result,
    exitCode: task.lastStatus === 'STOPPED' ? outcome.exitCode : null,
    containers: outcome.containers.map((c) => ({
      name: c.name,
      essential: c.essential,
      exitCode: c.exitCode ?? null,
      reason: c.reason ?? null,
    })),
    stopCode: task.stopCode ?? null,
    stoppedReason: task.stoppedReason ?? null,
    logs: ctx.revision
      ? logLocations(ctx.revision, arn, ctx.region).map((l) => ({
          container: l.container,
          group: l.group,
          stream: l.stream ?? null,
          url: l.url ?? null,
        }))
      : [],
    source: ctx.source ?? 'ecs',
    error: null,
  };
}

/** Newest first: by creation (else start) time, then ARN for a stable order. */
export function compareRuns(a: RunRecord, b: RunRecord): number {
  const t = (r: RunRecord) => r.createdAt ?? r.startedAt ?? r.stoppedAt ?? '';
  return t(b).localeCompare(t(a)) || (b.taskArn ?? '').localeCompare(a.taskArn ?? '');
}
