// --every: "1 month", "2 weeks", "6 hours", "daily", or an ISO 8601 duration (P1M, PT6H).
import { Duration } from 'luxon';
import { BerthError } from '../model/errors.js';

export interface Period {
  duration: Duration;
  /** ISO 8601 form, e.g. P1M: stable text for records and hashes. */
  iso: string;
  /** Has an hour/minute/second part: windows then carry times, not just dates. */
  subDaily: boolean;
}

const UNITS: Record<string, 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years'> = {
  minute: 'minutes',
  min: 'minutes',
  hour: 'hours',
  h: 'hours',
  day: 'days',
  d: 'days',
  week: 'weeks',
  w: 'weeks',
  month: 'months',
  year: 'years',
  y: 'years',
};
const ADVERBS: Record<string, string> = {
  hourly: '1 hour',
  daily: '1 day',
  weekly: '1 week',
  monthly: '1 month',
  yearly: '1 year',
};
const HINT =
  'write N hour(s)|day(s)|week(s)|month(s)|year(s) (e.g. "1 month"), daily/weekly/…, or an ISO 8601 duration such as P1M or PT6H';

export function parsePeriod(text: string): Period {
  const trimmed = text.trim().toLowerCase();
  const duration = /^p/.test(trimmed)
    ? Duration.fromISO(trimmed.toUpperCase())
    : human(ADVERBS[trimmed] ?? trimmed);
  const values = duration?.isValid ? Object.values(duration.toObject()) : [];
  if (!duration?.isValid || values.some((v) => v < 0) || !values.some((v) => v > 0))
    throw new BerthError('Invalid', `--every "${text}" is not a period`, { hint: HINT });
  const o = duration.toObject();
  const subDaily = Boolean(o.hours || o.minutes || o.seconds || o.milliseconds);
  return { duration, iso: duration.toISO()!, subDaily };
}

function human(text: string): Duration | undefined {
  const m = /^(\d+)?\s*([a-z]+?)s?$/.exec(text);
  const unit = m ? UNITS[m[2]!] : undefined;
  if (!m || !unit) return undefined;
  return Duration.fromObject({ [unit]: m[1] === undefined ? 1 : Number(m[1]) });
}

/** The period times n, unit by unit (1 month × 3 = 3 months, never 90 days). */
export function scale(period: Period, n: number): Duration {
  return period.duration.mapUnits((v) => v * n);
}
