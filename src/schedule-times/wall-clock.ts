// A wall-clock time in a time zone → the instant Scheduler fires, with its documented DST rules:
// a time the spring-forward gap skips does not fire at all, and a time the fall-back hour repeats
// fires once (the first occurrence is taken here; AWS says "runs only once").
import { IANAZone } from 'luxon';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const DAY_MS = 86_400_000;

/** The instant of `wall` in `zone`, or undefined when that time does not exist there (DST gap). */
export function wallClockInstant(wall: WallClock, zone: string): number | undefined {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new Error(`unknown time zone "${zone}"`);
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // The zone's offsets a day either side cover any one transition; keep the ones that agree.
  const offsets = new Set([tz.offset(naive - DAY_MS), tz.offset(naive), tz.offset(naive + DAY_MS)]);
  const instants = [...offsets]
    .map((o) => naive - o * 60_000)
    .filter((t) => tz.offset(t) * 60_000 === naive - t)
    .sort((a, b) => a - b);
  return instants[0];
}

/** The wall clock in `zone` at instant `t` (to the minute and second). */
export function wallClockAt(t: number, zone: string): WallClock {
  const tz = IANAZone.create(zone);
  const d = new Date(t + tz.offset(t) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}
