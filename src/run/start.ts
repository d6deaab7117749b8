// One RunTask call. The request is built purely; a client token makes an SDK retry of the
// same start idempotent (a timed-out RunTask must not start the job twice).
import type { RunTaskInput } from '../model/aws-types.js';
import { BerthError } from '../model/errors.js';
import type { EcsPort } from '../model/ports.js';
import type { TaskOverride } from './overrides.js';
import type { PreparedRun } from './prepare.js';

export interface StartOptions {
  /** RunTask startedBy (≤ 36 of letters, digits, `-`, `_`): how `aws ecs list-tasks --started-by` finds them. */
  startedBy: string;
  clientToken: string;
}

export function runTaskInput(
  prepared: PreparedRun,
  overrides: TaskOverride,
  opts: StartOptions,
): RunTaskInput {
  const input: RunTaskInput = {
    ...prepared.settings.params,
    cluster: prepared.settings.cluster,
    taskDefinition: prepared.revision.arn,
    startedBy: opts.startedBy,
    clientToken: opts.clientToken,
  };
  if (hasOverrides(overrides)) input.overrides = overrides;
  return input;
}

export interface Started {
  input: RunTaskInput;
  taskArns: string[];
  /** Tasks RunTask could not place (count > 1 may start some and not others). */
  failures: { arn?: string; reason?: string }[];
}

export async function startTasks(ecs: EcsPort, input: RunTaskInput): Promise<Started> {
  const out = await ecs.runTask(input);
  const taskArns = out.tasks.map((t) => t.taskArn).filter((a): a is string => a !== undefined);
  if (taskArns.length === 0) {
    const reasons =
      out.failures.map((f) => f.reason ?? 'unknown reason').join('; ') || 'no task and no failure returned';
    throw new BerthError('Validation', `ecs:RunTask started no task: ${reasons}`, {
      hint: 'check the cluster capacity, subnets and security groups of the job',
    });
  }
  return { input, taskArns, failures: out.failures };
}

function hasOverrides(o: TaskOverride): boolean {
  return Object.entries(o).some(([k, v]) =>
    k === 'containerOverrides' ? Array.isArray(v) && v.length > 0 : v !== undefined,
  );
}
