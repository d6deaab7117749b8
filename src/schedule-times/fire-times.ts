// When a schedule fires next, the way EventBridge Scheduler reads it (pure: `after` is given).
// cron(): every wall-clock time the expression matches in the schedule's time zone, found with
// croner run on a UTC clock that stands for the local one, then placed in the zone with the
// DST rules of wall-clock.ts. rate(): fixed durations from the StartDate or, without one, from
// the schedule's creation ("rate(1 day)" is 24 hours, also across a DST change). at(): one time.
// StartDate and EndDate bound cron() and rate(); AWS ignores them for at().
import { Cron } from 'croner';
import { checkExpression } from '../manifests/expression.js';
import { cronerPattern } from './aws-cron-pattern.js';
import { wallClockAt, wallClockInstant } from './wall-clock.js';

export interface ScheduleTiming {
  expression: string;
  /** IANA zone the expression is read in (default UTC). */
  timezone?: string;
  startDate?: Date;
  endDate?: Date;
  state?: string;
  /** When the schedule was created (GetSchedule CreationDate): rate() counts from it without a StartDate. */
  createdAt?: Date;
}

/** start: rate() counts from StartDate · creation: from the live schedule's creation · unknown: neither is known, times count from `after`. */
export type RateAnchor = 'start' | 'creation' | 'unknown';

export interface FireTimes {
  kind: 'cron' | 'rate' | 'at' | 'invalid';
  times: Date[];
  anchor?: RateAnchor;
  /** Why there are no (more) times: disabled, ended, invalid expression. */
  note?: string;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** Upper bound of croner look-ups per call: a DST gap or an EndDate never makes this loop forever. */
const MAX_STEPS = 10_000;

export function nextFireTimes(timing: ScheduleTiming, after: Date, count: number): FireTimes {
  const zone = timing.timezone ?? 'UTC';
  const check = checkExpression(timing.expression);
  if (!check.kind || check.problems.some((p) => p.severity === 'error'))
    return { kind: 'invalid', times: [], note: check.problems[0]?.message ?? 'not a schedule expression' };
  if (timing.state === 'DISABLED') return { kind: check.kind, times: [], note: 'disabled' };
  if (check.kind === 'at') return atTimes(check.at!, zone, after);
  const from = Math.max(after.getTime(), (timing.startDate?.getTime() ?? -Infinity) - 1);
  const end = timing.endDate?.getTime() ?? Infinity;
  const result =
    check.kind === 'rate'
      ? rateTimes(timing, from, end, count)
      : cronTimes(timing.expression, zone, from, end, count);
  if (result.times.length < count && timing.endDate) result.note = `ends ${timing.endDate.toISOString()}`;
  return result;
}

function atTimes(
  at: NonNullable<ReturnType<typeof checkExpression>['at']>,
  zone: string,
  after: Date,
): FireTimes {
  const t = wallClockInstant(at, zone);
  if (t === undefined)
    return { kind: 'at', times: [], note: 'the time does not exist in its zone (DST gap)' };
  return t > after.getTime()
    ? { kind: 'at', times: [new Date(t)] }
    : { kind: 'at', times: [], note: 'already fired' };
}

function rateTimes(timing: ScheduleTiming, from: number, end: number, count: number): FireTimes {
  const [n, unit] = /^rate\((\d+) ([a-z]+?)s?\)$/.exec(timing.expression)!.slice(1) as [string, string];
  const period = Number(n) * UNIT_MS[unit]!;
  const anchorDate = timing.startDate ?? timing.createdAt;
  const anchor: RateAnchor = timing.startDate ? 'start' : timing.createdAt ? 'creation' : 'unknown';
  const base = anchorDate?.getTime() ?? from;
  // the first fire after `from`: the anchor itself fires (a schedule "starts invoking immediately")
  let k = base > from ? 0 : Math.floor((from - base) / period) + 1;
  const times: Date[] = [];
  while (times.length < count) {
    const t = base + k++ * period;
    if (t > end) break;
    times.push(new Date(t));
  }
  return { kind: 'rate', times, anchor };
}

function cronTimes(expression: string, zone: string, from: number, end: number, count: number): FireTimes {
  const cron = new Cron(cronerPattern(expression.slice(5, -1)), { timezone: 'UTC', mode: '7-part' });
  // The local clock as a UTC one, an hour early: a repeated hour's first pass is not missed.
  const w = wallClockAt(from, zone);
  let cursor: Date | null = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour - 1, w.minute, w.second));
  const times: Date[] = [];
  for (let steps = 0; times.length < count && steps < MAX_STEPS; steps++) {
    cursor = cron.nextRun(cursor);
    if (!cursor) break;
    const t = wallClockInstant(
      {
        year: cursor.getUTCFullYear(),
        month: cursor.getUTCMonth() + 1,
        day: cursor.getUTCDate(),
        hour: cursor.getUTCHours(),
        minute: cursor.getUTCMinutes(),
      },
      zone,
    );
    if (t === undefined || t <= from) continue;
    if (t > end) break;
    times.push(new Date(t));
  }
  return { kind: 'cron', times };
}
