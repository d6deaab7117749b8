// Schedules: the expression, its time zone and dates, and settings that only make sense
// together (DELETE after completion only for one-time at() schedules).
import { DateTime } from 'luxon';
import { checkExpression } from '../expression.js';
import { error, warning } from './finding.js';
import type { Finding, JobContext } from './finding.js';
import { checkSqsArn } from './references.js';
import type { ScheduleSpec } from '../../model/manifest.js';

// Building an Intl.DateTimeFormat costs about a millisecond; a repository uses a few zones.
const canonicalZones = new Map<string, string | undefined>();

function canonicalZone(tz: string): string | undefined {
  // The common case needs no time-zone database: the first Intl zone lookup loads it (~0.1 s).
  if (tz === 'UTC') return tz;
  if (!canonicalZones.has(tz)) {
    let canonical: string | undefined;
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      canonical = undefined;
    }
    if (canonicalZones.size < 1000) canonicalZones.set(tz, canonical);
    return canonical;
  }
  return canonicalZones.get(tz);
}

/** An IANA zone name exactly as Scheduler wants it (not an offset, not a differently-cased alias). */
export function checkTimezone(tz: string, pointer: string): Finding[] {
  if (/^[+-]\d/.test(tz) || /^(GMT|UTC)[+-]/i.test(tz))
    return [
      error(
        'schedule/timezone',
        pointer,
        `"${tz}" is an offset, not a time zone`,
        'use an IANA zone such as Europe/Berlin or UTC',
      ),
    ];
  const canonical = canonicalZone(tz);
  if (canonical === undefined)
    return [
      error(
        'schedule/timezone',
        pointer,
        `unknown time zone "${tz.slice(0, 50)}"`,
        'use an IANA zone such as Asia/Tokyo, America/New_York or UTC',
      ),
    ];
  if (canonical.toLowerCase() === tz.toLowerCase() && canonical !== tz)
    return [
      error(
        'schedule/timezone',
        pointer,
        `write the time zone as "${canonical}"`,
        'time zone names are case-sensitive',
      ),
    ];
  return [];
}

function parseDate(text: string, zone: string): DateTime | undefined {
  const dt = DateTime.fromISO(text, { zone });
  return dt.isValid && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? dt : undefined;
}

/** Rules about one schedule section as written (job spec.schedule or defaults.schedule). */
export function checkScheduleSection(s: Partial<ScheduleSpec>, pointer: string): Finding[] {
  const out: Finding[] = [];
  if (typeof s.timezone === 'string') out.push(...checkTimezone(s.timezone, `${pointer}/timezone`));
  for (const field of ['startDate', 'endDate'] as const) {
    const v = s[field];
    if (typeof v === 'string' && !parseDate(v, 'UTC'))
      out.push(
        error(
          'schedule/date',
          `${pointer}/${field}`,
          `${field} "${v.slice(0, 40)}" is not an ISO 8601 date-time`,
          'e.g. 2026-04-01T00:00:00 (read in the schedule time zone) or 2026-04-01T00:00:00Z',
        ),
      );
  }
  if (typeof s.expression === 'string')
    for (const p of checkExpression(s.expression).problems)
      out.push({ ...p, pointer: `${pointer}/expression` });
  out.push(...checkSqsArn(s.deadLetterQueueArn ?? undefined, `${pointer}/deadLetterQueueArn`));
  return out;
}

/** Rules about the schedule once defaults are applied. */
export function checkSchedule(ctx: JobContext): Finding[] {
  const s = ctx.job.schedule;
  if (!s) return [];
  const out: Finding[] = [];
  const zone = s.timezone ?? 'UTC';
  const zoneOk = checkTimezone(zone, '').length === 0;
  const expr = checkExpression(s.expression);
  if (s.actionAfterCompletion === 'DELETE' && expr.kind !== 'at')
    out.push(
      error(
        'schedule/action-after-completion',
        '/spec/schedule/actionAfterCompletion',
        'actionAfterCompletion DELETE only applies to one-time at(…) schedules',
        'remove it (or set it to NONE) for cron and rate schedules',
      ),
    );
  const start = s.startDate && zoneOk ? parseDate(s.startDate, zone) : undefined;
  const end = s.endDate && zoneOk ? parseDate(s.endDate, zone) : undefined;
  if (start && end && start >= end)
    out.push(
      error(
        'schedule/date-order',
        '/spec/schedule/endDate',
        'endDate must be after startDate',
        'the schedule would never fire',
      ),
    );
  if (ctx.now && end && end.toMillis() < ctx.now.getTime())
    out.push(
      warning(
        'schedule/ended',
        '/spec/schedule/endDate',
        'endDate is in the past: the schedule will not fire again',
        'remove the job or move endDate',
      ),
    );
  if (ctx.now && expr.at && zoneOk) {
    const when = DateTime.fromObject(expr.at, { zone });
    if (when.isValid && when.toMillis() < ctx.now.getTime() && s.state !== 'DISABLED')
      out.push(
        warning(
          'schedule/at-past',
          '/spec/schedule/expression',
          `${s.expression} is in the past (${zone}): the schedule will not fire, so berth does not create it; ` +
            'the task definition is still registered, so `berth run` can start the job',
          'remove the job once it has run, or set a future time',
        ),
      );
  }
  if (ctx.config && !ctx.config.spec.schedulerRoleArn)
    out.push(
      error(
        'schedule/role-required',
        '/spec/schedule',
        'a scheduled job needs the role Scheduler assumes, and berth.yaml has no schedulerRoleArn',
        'set spec.schedulerRoleArn in berth.yaml (a role allowed to ecs:RunTask and iam:PassRole)',
      ),
    );
  return out;
}
