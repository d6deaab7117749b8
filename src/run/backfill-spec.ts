// Command-line options + the job → what the backfill is: its windows with their overrides,
// the key that names its record, and what the output shows. Pure: no AWS call, so --dry-run
// and a real run see the very same windows.
import { BerthError } from '../model/errors.js';
import { planWindows } from './backfill-plan.js';
import type { ScheduledTimeAt, WindowRun } from './backfill-plan.js';
import type { BackfillKey } from './backfill-record.js';
import type { BackfillMeta } from './format-backfill.js';
import type { JobContext } from './job-context.js';
import { applyCliOverrides } from './overrides.js';
import { parsePeriod } from './period.js';
import { checkZone, computeWindows, formatBoundary, parseInstant, windowFormat } from './windows.js';

export interface BackfillOptions {
  from: string;
  to: string;
  every: string;
  /** Default: the job's schedule zone. */
  timezone?: string;
  scheduledTimeAt?: string;
  container?: string;
  /** Replace the container's command (placeholders allowed). */
  args?: string[];
  env?: Record<string, string>;
}

export interface BackfillSpec {
  container: string;
  windows: WindowRun[];
  key: BackfillKey;
  meta: BackfillMeta;
}

export function backfillSpec(
  ctx: JobContext,
  opts: BackfillOptions,
  executionId: () => string,
): BackfillSpec {
  const scheduledTimeAt = opts.scheduledTimeAt ?? 'start';
  if (scheduledTimeAt !== 'start' && scheduledTimeAt !== 'end')
    throw new BerthError('Invalid', `--scheduled-time "${scheduledTimeAt}" must be start or end`);
  const zone = checkZone(opts.timezone ?? ctx.timezone);
  const period = parsePeriod(opts.every);
  const cut = computeWindows(
    parseInstant(opts.from, zone, '--from'),
    parseInstant(opts.to, zone, '--to'),
    period,
  );
  const format = windowFormat(cut, period);
  const container = opts.container ?? ctx.job.mainContainer;
  const defined = (ctx.job.taskDefinition.containerDefinitions ?? []).map((c) => c.name ?? '');
  if (!defined.includes(container))
    throw new BerthError('Invalid', `job "${ctx.job.name}" has no container "${container}"`, {
      hint: `containers: ${defined.join(', ')}`,
    });
  const args = opts.args && opts.args.length > 0 ? opts.args : undefined;
  const env = opts.env && Object.keys(opts.env).length > 0 ? opts.env : undefined;
  const overrides = applyCliOverrides(ctx.settings.overrides, {
    container,
    ...(args ? { args } : {}),
    ...(env ? { env } : {}),
  });
  const windows = planWindows(overrides, cut, format, executionId, scheduledTimeAt as ScheduledTimeAt);
  const from = formatBoundary(cut[0]!.start, format);
  const to = formatBoundary(cut.at(-1)!.end, format);
  const common = { job: ctx.job.name, from, to, every: period.iso, timezone: zone, container };
  const key: BackfillKey = {
    ...common,
    ...(args ? { args } : {}),
    ...(env ? { env } : {}),
    ...(scheduledTimeAt === 'end' ? { scheduledTimeAt: 'end' as const } : {}),
  };
  const meta: BackfillMeta = { ...common, sensitive: ctx.job.sensitiveEnv };
  return { container, windows, key, meta };
}
