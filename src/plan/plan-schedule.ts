// The schedule action of one job. The desired schedule is pinned to an exact revision first:
// the live latest when the task definition stays, otherwise the one apply is about to register.
import type { ScheduleInput } from '../model/aws-types.js';
import { PENDING_REVISION, type DesiredJob } from '../model/desired.js';
import type { LiveFamily, LiveSchedule } from '../model/live.js';
import type { PlanAction } from '../model/plan.js';
import { action } from './action.js';
import { diffValues, type SensitivePredicate } from './diff.js';
import { normaliseSchedule } from './normalise-schedule.js';
import { hasFired } from './one-time.js';
import { timingChange } from './timing-change.js';

const ARN_PATH = '/Target/EcsParameters/TaskDefinitionArn';

export interface ScheduleStep {
  action?: PlanAction;
  /** A one-time schedule that fired and was removed by AWS. */
  completed: boolean;
}

export function planSchedule(
  job: DesiredJob,
  name: string,
  taskDefinition: PlanAction,
  family: LiveFamily | undefined,
  live: LiveSchedule | undefined,
  opts: { now: Date | undefined; isSensitive: SensitivePredicate },
): ScheduleStep {
  const f = { job: job.name };
  if (!job.schedule) {
    if (!live) return { completed: false };
    const reason = 'not in git (the manifest has no schedule)';
    return {
      action: action('delete', 'schedule', name, { ...f, arn: live.description.Arn, reason }),
      completed: false,
    };
  }
  const pinned = pin(job.schedule, taskDefinition.kind === 'noop' ? family?.latest.arn : PENDING_REVISION);
  const want = normaliseSchedule(pinned);
  if (!live) {
    if (job.oneTime && hasFired(job.schedule, opts.now)) return { completed: true };
    const changes = diffValues(undefined, want, opts.isSensitive);
    return {
      action: action('create', 'schedule', name, { ...f, reason: 'not in AWS', changes, after: pinned }),
      completed: false,
    };
  }
  const changes = diffValues(normaliseSchedule(live.description), want, opts.isSensitive);
  const arn = live.description.Arn;
  if (changes.length === 0)
    return { action: action('noop', 'schedule', name, { ...f, arn }), completed: false };
  const onlyArn = changes.length === 1 && changes[0]?.path === ARN_PATH;
  const reason = !onlyArn
    ? undefined
    : taskDefinition.kind === 'noop'
      ? 'points at an old revision'
      : 'follows the new revision';
  const timing = timingChange(live.description, pinned, opts.now);
  return {
    action: action('update', 'schedule', name, {
      ...f,
      arn,
      reason,
      changes,
      after: pinned,
      ...(timing ? { timing } : {}),
    }),
    completed: false,
  };
}

/** The complete schedule input with Target.EcsParameters.TaskDefinitionArn set to one revision. */
function pin(schedule: ScheduleInput, revisionArn: string | undefined): ScheduleInput {
  const ecs = schedule.Target?.EcsParameters;
  if (!schedule.Target || !ecs || !revisionArn) return schedule;
  return {
    ...schedule,
    Target: { ...schedule.Target, EcsParameters: { ...ecs, TaskDefinitionArn: revisionArn } },
  };
}
