// spec.schedule of an imported job: the expression and whatever differs from defaults.schedule
// (AWS's own defaults — UTC, ENABLED, retry 86400 s / 185 attempts — count as defaults too).
import { DateTime } from 'luxon';
import { scheduleDate } from '../desired/schedule-dates.js';
import type { LiveScheduleDescription } from '../model/aws-types.js';
import type { ConfigDefaults } from '../model/manifest.js';
import { DEFAULT_RETRY } from '../plan/normalise-schedule.js';
import { defined, minimalOverride } from './minimise.js';

type Plain = Record<string, unknown>;
type ScheduleDefaults = NonNullable<ConfigDefaults['schedule']>;

export interface ScheduleResult {
  schedule: Plain;
  /** The schedule's description, for metadata.description (it renders back as the Description). */
  description?: string;
}

export function scheduleSpec(s: LiveScheduleDescription, defaults: ScheduleDefaults): ScheduleResult {
  const timezone = s.ScheduleExpressionTimezone || 'UTC';
  const window = s.FlexibleTimeWindow;
  const retry = s.Target?.RetryPolicy;
  const wanted: Plain = defined({
    timezone,
    state: s.State || 'ENABLED',
    startDate: instant(s.StartDate),
    endDate: instant(s.EndDate),
    flexibleWindowMinutes: window?.Mode === 'FLEXIBLE' ? (window.MaximumWindowInMinutes ?? 0) : 0,
    retry: {
      maximumEventAgeInSeconds: retry?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY.MaximumEventAgeInSeconds,
      maximumRetryAttempts: retry?.MaximumRetryAttempts ?? DEFAULT_RETRY.MaximumRetryAttempts,
    },
    deadLetterQueueArn: s.Target?.DeadLetterConfig?.Arn || undefined,
    actionAfterCompletion: s.ActionAfterCompletion || 'NONE',
  });
  const baseZone = defaults.timezone ?? 'UTC';
  const base: Plain = defined({
    timezone: baseZone,
    state: defaults.state ?? 'ENABLED',
    startDate: defaults.startDate ? instant(dateIn(defaults.startDate, baseZone)) : undefined,
    endDate: defaults.endDate ? instant(dateIn(defaults.endDate, baseZone)) : undefined,
    flexibleWindowMinutes: defaults.flexibleWindowMinutes ?? 0,
    retry: {
      maximumEventAgeInSeconds:
        defaults.retry?.maximumEventAgeInSeconds ?? DEFAULT_RETRY.MaximumEventAgeInSeconds,
      maximumRetryAttempts: defaults.retry?.maximumRetryAttempts ?? DEFAULT_RETRY.MaximumRetryAttempts,
    },
    deadLetterQueueArn: defaults.deadLetterQueueArn,
    actionAfterCompletion: defaults.actionAfterCompletion ?? 'NONE',
  });
  const over = (minimalOverride(wanted, base) ?? {}) as Plain;
  for (const k of ['startDate', 'endDate'] as const)
    if (typeof over[k] === 'string') over[k] = inZone(over[k], timezone);
  const schedule: Plain = { expression: s.ScheduleExpression, ...over };
  const text = s.Description || undefined;
  // A description in the defaults would win over metadata.description: say it on the schedule then.
  if (defaults.description !== undefined) {
    if (text !== defaults.description) schedule.description = text ?? null;
    return { schedule };
  }
  return text ? { schedule, description: text } : { schedule };
}

function instant(v: Date | string | undefined): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}

function dateIn(value: string, zone: string): Date | undefined {
  const parsed = scheduleDate(value, zone);
  return parsed.ok ? parsed.value : undefined;
}

/** 2025-04-01T00:00:00+09:00: the instant as read in the schedule's own time zone. */
function inZone(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone });
  return dt.isValid ? (dt.toISO({ suppressMilliseconds: true }) ?? iso) : iso;
}
