// A described task → a named outcome and the exit code berth passes on. The run's code is
// the chosen container's when it failed, else the first failing essential container's:
// a task succeeds only when every essential container that reported a code exited 0.
import type { EcsTask } from '../model/aws-types.js';

export type TaskResult = 'Running' | 'Succeeded' | 'Failed' | 'FailedToStart' | 'TimedOut' | 'Unknown';

export interface ContainerOutcome {
  name: string;
  essential: boolean;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
}

export interface TaskOutcome {
  taskArn: string;
  result: TaskResult;
  /** Process exit code for this task: 0 only when it succeeded. */
  exitCode: number;
  lastStatus?: string;
  stopCode?: string;
  stoppedReason?: string;
  containers: ContainerOutcome[];
  startedAt?: string;
  stoppedAt?: string;
}

export function taskOutcome(
  task: EcsTask | undefined,
  taskArn: string,
  container: string,
  essential: (name: string) => boolean,
): TaskOutcome {
  if (!task) return { taskArn, result: 'Unknown', exitCode: 1, containers: [] };
  const containers: ContainerOutcome[] = (task.containers ?? []).map((c) => {
    const out: ContainerOutcome = { name: c.name ?? '?', essential: essential(c.name ?? '') };
    if (c.lastStatus) out.lastStatus = c.lastStatus;
    if (typeof c.exitCode === 'number') out.exitCode = c.exitCode;
    if (c.reason) out.reason = c.reason;
    return out;
  });
  const base: TaskOutcome = { taskArn, result: 'Running', exitCode: 1, containers };
  if (task.lastStatus) base.lastStatus = task.lastStatus;
  if (task.stopCode) base.stopCode = task.stopCode;
  if (task.stoppedReason) base.stoppedReason = task.stoppedReason;
  if (task.startedAt) base.startedAt = new Date(task.startedAt).toISOString();
  if (task.stoppedAt) base.stoppedAt = new Date(task.stoppedAt).toISOString();
  if (task.lastStatus !== 'STOPPED') return base;

  // the chosen container first, then the other essential ones in task order
  const ordered = [
    ...containers.filter((c) => c.name === container),
    ...containers.filter((c) => c.name !== container && c.essential),
  ];
  const failed = ordered.find((c) => c.exitCode !== undefined && c.exitCode !== 0);
  if (failed) return { ...base, result: 'Failed', exitCode: processExitCode(failed.exitCode!) };
  const reported = ordered.some((c) => c.exitCode !== undefined);
  if (!reported || task.stopCode === 'TaskFailedToStart')
    return { ...base, result: 'FailedToStart', exitCode: 1 };
  return { ...base, result: 'Succeeded', exitCode: 0 };
}

/** A container's code as a process exit status (1–255); codes outside that range become 1. */
export function processExitCode(code: number): number {
  return Number.isInteger(code) && code > 0 && code < 256 ? code : 1;
}

/** The code of a run of several tasks: 0 when all succeeded, else the first failing task's. */
export function combinedExitCode(outcomes: TaskOutcome[]): number {
  return outcomes.find((o) => o.exitCode !== 0)?.exitCode ?? 0;
}
