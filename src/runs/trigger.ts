// Who started a task, from its startedBy. EventBridge Scheduler starts ECS tasks with
// startedBy "chronos-schedule/<schedule name>" (cut to ECS's 36 characters); berth's own
// starts say "berth-run" and "berth-backfill".
import type { RunTrigger } from '../model/runs.js';
import { BACKFILL_STARTED_BY } from '../run/backfill.js';
import { RUN_STARTED_BY } from '../run/run-job.js';

export const SCHEDULER_STARTED_BY = 'chronos-schedule';
const STARTED_BY_MAX = 36;

export function triggerOf(startedBy: string | undefined | null): RunTrigger {
  if (!startedBy) return 'other';
  if (startedBy === SCHEDULER_STARTED_BY || startedBy.startsWith(`${SCHEDULER_STARTED_BY}/`))
    return 'schedule';
  if (startedBy === RUN_STARTED_BY) return 'berth-run';
  if (startedBy === BACKFILL_STARTED_BY) return 'backfill';
  return 'other';
}

/** The startedBy Scheduler gives the tasks of a schedule (what a test uses to play Scheduler). */
export function schedulerStartedBy(scheduleName: string): string {
  return `${SCHEDULER_STARTED_BY}/${scheduleName}`.slice(0, STARTED_BY_MAX);
}
