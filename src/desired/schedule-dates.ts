// StartDate / EndDate. A date without an offset is read in the schedule's own time zone:
// "2025-04-01T00:00:00" next to timezone Asia/Tokyo means midnight in Tokyo. Reading it in
// the machine's zone (what `new Date(...)` does) would make the output depend on the host.
import { DateTime } from 'luxon';

export type DateResult = { ok: true; value: Date } | { ok: false; error: string };

export function scheduleDate(value: string | Date, timezone: string): DateResult {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { ok: false, error: 'invalid date' } : { ok: true, value };
  const text = value.trim();
  let dt = DateTime.fromISO(text, { zone: timezone });
  if (!dt.isValid) dt = DateTime.fromSQL(text, { zone: timezone });
  if (!dt.isValid) {
    const why =
      dt.invalidReason === 'unsupported zone' ? `unknown time zone "${timezone}"` : `"${text}" is not a date`;
    return { ok: false, error: `${why}; write 2025-04-01T00:00:00 or 2025-04-01T00:00:00+09:00` };
  }
  return { ok: true, value: dt.toJSDate() };
}
