// Fire times for people: in the schedule's zone with its offset, and in UTC beside it.
import { DateTime } from 'luxon';

/** "Mon 2026-03-02 03:00 +09:00" */
export function localTime(t: Date, zone: string): string {
  return DateTime.fromJSDate(t, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
}

/** "2026-03-01 18:00 UTC" */
export function utcTime(t: Date): string {
  return DateTime.fromJSDate(t, { zone: 'UTC' }).toFormat("yyyy-MM-dd HH:mm 'UTC'");
}

/**
 * "2026-03-02 03:00 Asia/Tokyo (2026-03-01 18:00 UTC)", the UTC date only when it differs
 * ("2026-03-02 09:00 Europe/London (08:00 UTC)"); "2026-03-01 18:00 UTC" when the zone is UTC.
 */
export function clockTime(t: Date, zone: string): string {
  const utc = DateTime.fromJSDate(t, { zone: 'UTC' });
  if (zone === 'UTC' || zone === 'Etc/UTC') return utc.toFormat("yyyy-MM-dd HH:mm 'UTC'");
  const local = DateTime.fromJSDate(t, { zone });
  const sameDay = local.toISODate() === utc.toISODate();
  return `${local.toFormat('yyyy-MM-dd HH:mm')} ${zone} (${utc.toFormat(sameDay ? "HH:mm 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'")})`;
}
