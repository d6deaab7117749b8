// One-time at() schedules: once the time has passed and AWS deleted the schedule
// (ActionAfterCompletion DELETE), absence means "completed", not "missing".
import { DateTime } from 'luxon';
import type { ScheduleInput } from '../model/aws-types.js';

const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;

/** The instant an at() expression fires, read in the schedule's own time zone (UTC by default). */
export function oneTimeInstant(schedule: ScheduleInput): Date | undefined {
  const m = AT.exec(schedule.ScheduleExpression?.trim() ?? '');
  if (!m) return undefined;
  const t = DateTime.fromISO(m[1] as string, { zone: schedule.ScheduleExpressionTimezone || 'UTC' });
  return t.isValid ? t.toJSDate() : undefined;
}

export function hasFired(schedule: ScheduleInput, now: Date | undefined): boolean {
  const at = oneTimeInstant(schedule);
  return at !== undefined && now !== undefined && at.getTime() <= now.getTime();
}
