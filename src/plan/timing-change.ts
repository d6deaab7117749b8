// A schedule update that moves its runs: the next fire times under the old and the new schedule,
// so a reviewer reads "next run moves from 03:00 Asia/Tokyo (18:00 UTC) to 18:00 UTC" instead of
// working out a cron expression and a time zone in their head. Pure: `now` comes from the caller.
import type { ScheduleTimingChange } from '../model/plan.js';
import { clockTime, nextFireTimes, timingOf, type ScheduleTiming } from '../schedule-times/index.js';
import type { ScheduleLike } from '../schedule-times/timing.js';

const SHOWN = 3;

export function timingChange(
  before: ScheduleLike,
  after: ScheduleLike,
  now: Date | undefined,
): ScheduleTimingChange | undefined {
  const b = timingOf(before);
  const a = timingOf(after);
  if (!now || !a || !b || sameTiming(a, b)) return undefined;
  const was = nextFireTimes(b, now, SHOWN);
  const will = nextFireTimes(a, now, SHOWN);
  const beforeZone = b.timezone ?? 'UTC';
  const afterZone = a.timezone ?? 'UTC';
  return {
    before: was.times.map((t) => t.toISOString()),
    after: will.times.map((t) => t.toISOString()),
    beforeZone,
    afterZone,
    summary: summary(was.times[0], beforeZone, will.times[0], afterZone, was.note, will.note),
  };
}

function summary(
  was: Date | undefined,
  zoneBefore: string,
  will: Date | undefined,
  zoneAfter: string,
  noteBefore: string | undefined,
  noteAfter: string | undefined,
): string {
  const at = (t: Date | undefined, zone: string, note: string | undefined) =>
    t ? clockTime(t, zone) : `no run (${note ?? 'none ahead'})`;
  if (was && will && was.getTime() === will.getTime())
    return `next run unchanged: ${at(will, zoneAfter, noteAfter)}; later runs differ`;
  return `next run moves from ${at(was, zoneBefore, noteBefore)} to ${at(will, zoneAfter, noteAfter)}`;
}

function sameTiming(a: ScheduleTiming, b: ScheduleTiming): boolean {
  return (
    a.expression === b.expression &&
    (a.timezone ?? 'UTC') === (b.timezone ?? 'UTC') &&
    a.startDate?.getTime() === b.startDate?.getTime() &&
    a.endDate?.getTime() === b.endDate?.getTime() &&
    (a.state ?? 'ENABLED') === (b.state ?? 'ENABLED')
  );
}
