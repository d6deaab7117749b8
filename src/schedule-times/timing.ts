// A schedule's timing as the Scheduler request (or GetSchedule answer) states it.
import type { ScheduleTiming } from './fire-times.js';

/** The fields of a CreateSchedule input or a GetSchedule answer that say when it fires. */
export interface ScheduleLike {
  ScheduleExpression?: string | undefined;
  ScheduleExpressionTimezone?: string | undefined;
  StartDate?: Date | undefined;
  EndDate?: Date | undefined;
  State?: string | undefined;
  CreationDate?: Date | undefined;
}

export function timingOf(s: ScheduleLike): ScheduleTiming | undefined {
  if (!s.ScheduleExpression) return undefined;
  return {
    expression: s.ScheduleExpression,
    timezone: s.ScheduleExpressionTimezone ?? 'UTC',
    ...(s.StartDate ? { startDate: new Date(s.StartDate) } : {}),
    ...(s.EndDate ? { endDate: new Date(s.EndDate) } : {}),
    ...(s.State ? { state: s.State } : {}),
    ...(s.CreationDate ? { createdAt: new Date(s.CreationDate) } : {}),
  };
}
