// The schedule action of one job. The desired schedule is pinned to an exact revision first:
// the one the job runs (an existing revision of berth's), or the one apply is about to register.
import type { ScheduleInput } from '../model/aws-types.js';
import { PENDING_REVISION, type DesiredJob } from '../model/desired.js';
import type { LiveRevision, LiveSchedule } from '../model/live.js';
import type { PlanAction } from '../model/plan.js';
import { action } from './action.js';
import { diffValues, type SensitivePredicate } from './diff.js';
import { normaliseSchedule } from './normalise-schedule.js';
import { hasFired } from './one-time.js';
import { revisionKey } from './revisions.js';
import { timingChange } from './timing-change.js';

const ARN_PATH = '/Target/EcsParameters/TaskDefinitionArn';

export interface ScheduleStep {
  action?: PlanAction;
  /** A one-time schedule whose time has passed and that AWS does not have: never created (again). */
  expired: boolean;
}

export interface PinContext {
  /** The existing revision the job runs; undefined when apply registers one. */
  target: LiveRevision | undefined;
  /** The revision the live schedule pins, when it was described. */
  pinned: LiveRevision | undefined;
  family: string;
}

export function planSchedule(
  job: DesiredJob,
  name: string,
  pin: PinContext,
  live: LiveSchedule | undefined,
  opts: { now: Date | undefined; isSensitive: SensitivePredicate },
): ScheduleStep {
  const f = { job: job.name };
  if (!job.schedule) {
    if (!live) return { expired: false };
    const reason = 'not in git (the manifest has no schedule)';
    return {
      action: action('delete', 'schedule', name, { ...f, arn: live.description.Arn, reason }),
      expired: false,
    };
  }
  const pinned = pinTo(job.schedule, pin.target?.arn ?? PENDING_REVISION);
  const want = normaliseSchedule(pinned);
  if (!live) {
    if (job.oneTime && hasFired(job.schedule, opts.now)) return { expired: true };
    const changes = diffValues(undefined, want, opts.isSensitive);
    return {
      action: action('create', 'schedule', name, { ...f, reason: 'not in AWS', changes, after: pinned }),
      expired: false,
    };
  }
  const changes = diffValues(normaliseSchedule(live.description), want, opts.isSensitive);
  const arn = live.description.Arn;
  if (changes.length === 0)
    return { action: action('noop', 'schedule', name, { ...f, arn }), expired: false };
  const onlyArn = changes.length === 1 && changes[0]?.path === ARN_PATH;
  const reason = onlyArn ? pinReason(live, pin) : undefined;
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
    expired: false,
  };
}

/** Why only the pinned revision differs, for people. */
function pinReason(live: LiveSchedule, pin: PinContext): string {
  if (!pin.target) return 'follows the new revision';
  const arn = live.description.Target?.EcsParameters?.TaskDefinitionArn ?? '';
  const key = revisionKey(arn) ?? arn;
  if (!key.startsWith(`${pin.family}:`)) return `points at another family (${key})`;
  if (pin.pinned && !pin.pinned.active) return `points at a deregistered revision (${key})`;
  const target = `${pin.target.family}:${pin.target.revision}`;
  const number = Number(key.split(':').pop());
  if (number > pin.target.revision) return `back to ${target}, which has this content`;
  return 'points at an old revision';
}

/** The complete schedule input with Target.EcsParameters.TaskDefinitionArn set to one revision. */
export function pinTo(schedule: ScheduleInput, revisionArn: string | undefined): ScheduleInput {
  const ecs = schedule.Target?.EcsParameters;
  if (!schedule.Target || !ecs || !revisionArn) return schedule;
  return {
    ...schedule,
    Target: { ...schedule.Target, EcsParameters: { ...ecs, TaskDefinitionArn: revisionArn } },
  };
}
