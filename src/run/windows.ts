// Backfill windows: [from, to) cut into half-open periods in the job's time zone, the last one
// clipped to `to`. Each boundary is `from` plus k periods (not the previous boundary plus one),
// so month ends do not drift (Jan 31 + 2 months is Mar 31, not Mar 28); calendar units follow
// the zone's wall clock across DST changes, hours and minutes are exact elapsed time.
import { DateTime, IANAZone } from 'luxon';
import { BerthError } from '../model/errors.js';
import { scale } from './period.js';
import type { Period } from './period.js';

export interface Window {
  /** 1-based position. */
  index: number;
  start: DateTime;
  end: DateTime;
  /** The period was cut short by --to. */
  clipped: boolean;
}

/** Refuse runaway backfills ("--every 1 hour" over ten years): narrow the range or pick a longer period. */
export const MAX_WINDOWS = 10_000;

export function checkZone(zone: string): string {
  if (!IANAZone.isValidZone(zone))
    throw new BerthError('Invalid', `"${zone}" is not an IANA time zone`, {
      hint: 'e.g. UTC, Europe/Berlin, Asia/Tokyo',
    });
  return zone;
}

/** A date (2018-01-01: midnight in `zone`) or a date-time; an explicit offset or Z is honoured. */
export function parseInstant(text: string, zone: string, flag: string): DateTime {
  const dt = DateTime.fromISO(text.trim(), { zone });
  if (!dt.isValid)
    throw new BerthError('Invalid', `${flag} "${text}" is not an ISO date or date-time`, {
      hint: 'e.g. 2018-01-01 or 2018-01-01T06:00',
    });
  return dt;
}

export function computeWindows(from: DateTime, to: DateTime, period: Period, max = MAX_WINDOWS): Window[] {
  if (to <= from)
    throw new BerthError('Invalid', `--to (${to.toISO()}) must be after --from (${from.toISO()})`);
  const windows: Window[] = [];
  for (let k = 0; ; k++) {
    const start = from.plus(scale(period, k));
    if (start >= to) break;
    const next = from.plus(scale(period, k + 1));
    if (next <= start) throw new BerthError('Invalid', `--every ${period.iso} does not move time forward`);
    if (windows.length === max)
      throw new BerthError(
        'Invalid',
        `more than ${max} windows from ${from.toISO()} to ${to.toISO()} every ${period.iso}`,
        {
          hint: 'narrow --from/--to or choose a longer --every',
        },
      );
    windows.push({ index: k + 1, start, end: next < to ? next : to, clipped: next > to });
  }
  return windows;
}

/** Dates when every boundary is a local midnight and the period is whole days or more. */
export function windowFormat(windows: Window[], period: Period): 'date' | 'datetime' {
  const midnight = (d: DateTime) => d.hour === 0 && d.minute === 0 && d.second === 0 && d.millisecond === 0;
  return !period.subDaily && windows.every((w) => midnight(w.start) && midnight(w.end)) ? 'date' : 'datetime';
}

export function formatBoundary(d: DateTime, format: 'date' | 'datetime'): string {
  return format === 'date' ? d.toISODate()! : d.toISO({ suppressMilliseconds: true })!;
}
