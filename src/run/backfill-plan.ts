// What each backfill window runs: the job's overrides (CLI arguments applied) with the
// window's placeholders filled in. Pure, so --dry-run shows exactly what a real run sends.
import { BerthError } from '../model/errors.js';
import type { TaskOverride } from './overrides.js';
import {
  ATTEMPT_NUMBER,
  EXECUTION_ID,
  placeholdersIn,
  SCHEDULE_ARN,
  SCHEDULED_TIME,
  schedulerTime,
  substitutePlaceholders,
  WINDOW_END,
  WINDOW_INDEX,
  WINDOW_START,
} from './placeholders.js';
import { formatBoundary } from './windows.js';
import type { Window } from './windows.js';

export interface WindowRun {
  index: number;
  total: number;
  /** Window boundaries as substituted ({{window.start}}, {{window.end}}). */
  start: string;
  end: string;
  clipped: boolean;
  overrides: TaskOverride;
}

/** Placeholders that make windows differ; without one every window would run the same thing. */
const WINDOW_SENSITIVE = [WINDOW_START, WINDOW_END, WINDOW_INDEX, SCHEDULED_TIME];
const KNOWN_WINDOW = new Set([WINDOW_START, WINDOW_END, WINDOW_INDEX]);

/**
 * Which boundary stands in for <aws.scheduler.scheduled-time>. `start` (default): the run
 * "scheduled" at the window's start processes that window. `end` suits a job that processes
 * the period before its scheduled time (a daily load of yesterday): it then loads the window.
 */
export type ScheduledTimeAt = 'start' | 'end';

export function planWindows(
  overrides: TaskOverride,
  windows: Window[],
  format: 'date' | 'datetime',
  executionId: () => string,
  scheduledTimeAt: ScheduledTimeAt = 'start',
): WindowRun[] {
  const found = placeholdersIn(overrides);
  const typo = found.filter((n) => n.startsWith('window.') && !KNOWN_WINDOW.has(n));
  if (typo.length > 0)
    throw new BerthError('Invalid', `unknown placeholder ${typo.map((n) => `{{${n}}}`).join(', ')}`, {
      hint: 'backfill knows {{window.start}}, {{window.end}} and {{window.index}}',
    });
  if (!found.some((n) => WINDOW_SENSITIVE.includes(n)))
    throw new BerthError(
      'Invalid',
      'the run overrides have no window placeholder: every window would run the same command',
      {
        hint: "put {{window.start}} and {{window.end}} in the job's run.command (or environment), or pass them after --: berth backfill JOB … -- '{{window.start}}' '{{window.end}}'",
      },
    );
  return windows.map((w) => {
    const start = formatBoundary(w.start, format);
    const end = formatBoundary(w.end, format);
    const values = {
      [WINDOW_START]: start,
      [WINDOW_END]: end,
      [WINDOW_INDEX]: String(w.index),
      [SCHEDULED_TIME]: schedulerTime((scheduledTimeAt === 'end' ? w.end : w.start).toMillis()),
      [EXECUTION_ID]: executionId(),
      [ATTEMPT_NUMBER]: '1',
      [SCHEDULE_ARN]: 'backfill',
    };
    const sub = substitutePlaceholders(overrides, values);
    return {
      index: w.index,
      total: windows.length,
      start,
      end,
      clipped: w.clipped,
      overrides: sub.overrides,
    };
  });
}
