// Placeholders in a run's overrides. EventBridge Scheduler fills its context attributes
// (<aws.scheduler.scheduled-time>, …) only when it invokes the target; a run started by
// berth has to fill them itself. Backfill adds {{window.start}}, {{window.end}} and
// {{window.index}}. Only command items and environment values are substituted.
import type { TaskOverride } from './overrides.js';

export const SCHEDULED_TIME = 'aws.scheduler.scheduled-time';
export const EXECUTION_ID = 'aws.scheduler.execution-id';
export const ATTEMPT_NUMBER = 'aws.scheduler.attempt-number';
export const SCHEDULE_ARN = 'aws.scheduler.schedule-arn';
export const WINDOW_START = 'window.start';
export const WINDOW_END = 'window.end';
export const WINDOW_INDEX = 'window.index';

/** `<aws.scheduler.NAME>` and `{{ window.NAME }}`; other `{{…}}` text is the user's own. */
const TOKEN = /<aws\.scheduler\.([a-z-]+)>|\{\{\s*window\.([A-Za-z]+)\s*\}\}/g;

export interface Substitution {
  overrides: TaskOverride;
  /** Placeholder names that were replaced, sorted. */
  used: string[];
  /** Placeholder names found without a value (left as written), sorted. */
  unknown: string[];
}

export function substitutePlaceholders(
  overrides: TaskOverride,
  values: Record<string, string>,
): Substitution {
  const used = new Set<string>();
  const unknown = new Set<string>();
  const replace = (text: string) =>
    text.replace(TOKEN, (whole, scheduler: string | undefined, window: string | undefined) => {
      const name = scheduler !== undefined ? `aws.scheduler.${scheduler}` : `window.${window}`;
      const value = values[name];
      if (value === undefined) {
        unknown.add(name);
        return whole;
      }
      used.add(name);
      return value;
    });
  const containerOverrides = overrides.containerOverrides?.map((c) => {
    const out = { ...c };
    if (c.command) out.command = c.command.map(replace);
    if (c.environment)
      out.environment = c.environment.map((e) => ({
        ...e,
        value: e.value === undefined ? e.value : replace(e.value),
      }));
    return out;
  });
  return {
    overrides: containerOverrides ? { ...overrides, containerOverrides } : { ...overrides },
    used: [...used].sort(),
    unknown: [...unknown].sort(),
  };
}

/** Names of every placeholder in the overrides, sorted (what a dry run or a check looks at). */
export function placeholdersIn(overrides: TaskOverride): string[] {
  return substitutePlaceholders(overrides, {}).unknown;
}

/** Scheduler's own format for scheduled-time: UTC, whole seconds, `Z` (2022-03-22T18:59:43Z). */
export function schedulerTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Values for a run started by hand: what Scheduler would have put there, as far as it means anything. */
export function manualRunValues(epochMs: number, executionId: string): Record<string, string> {
  return {
    [SCHEDULED_TIME]: schedulerTime(epochMs),
    [EXECUTION_ID]: executionId,
    [ATTEMPT_NUMBER]: '1',
    [SCHEDULE_ARN]: 'manual',
  };
}
