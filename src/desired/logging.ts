// Container log configuration. awslogs is the default because it needs nothing but an
// execution role: every job's output lands in CloudWatch Logs without extra setup.
import { mergeDefaults } from '../manifests/merge.js';
import type { ContainerDefinition } from '../model/aws-types.js';
import type { LoggingSpec } from '../model/manifest.js';
import { error, sortedRecord } from './problems.js';
import type { Report } from './problems.js';

type LogConfiguration = NonNullable<ContainerDefinition['logConfiguration']>;

/**
 * One log group per job, named after its family, under a common `/berth/` root so an
 * IAM policy or a retention rule can cover all of berth's groups with one pattern.
 */
export const DEFAULT_LOG_GROUP = '/berth/{prefix}{job}';
export const DEFAULT_STREAM_PREFIX = '{job}';

export interface LogContext {
  job: string;
  namePrefix: string;
  region: string | undefined;
}

/**
 * The logging a container gets from defaults.logging < spec.logging < container logging,
 * merged as merge.ts does, except that a level which switches to another driver starts
 * afresh: awslogs options (mode, max-buffer-size, a group) inherited from the defaults
 * mean nothing to a FireLens output and would be sent to Fluent Bit as unknown settings.
 */
export function effectiveLogging(levels: (LoggingSpec | null | undefined)[]): LoggingSpec {
  let acc: LoggingSpec = {};
  for (const level of levels) {
    if (level === undefined) continue;
    if (level === null) {
      acc = {};
      continue;
    }
    const switches = level.driver !== undefined && level.driver !== (acc.driver ?? 'awslogs');
    acc = mergeDefaults<LoggingSpec>(switches ? {} : acc, level) ?? {};
  }
  return acc;
}

/** `{job}` → job name, `{prefix}` → namePrefix; anything else is left as written. */
export function substitute(template: string, ctx: LogContext): string {
  return template.replaceAll('{job}', ctx.job).replaceAll('{prefix}', ctx.namePrefix);
}

/**
 * Structured fields (group, streamPrefix, region, createGroup) are written after the
 * verbatim `options`, so they win over an `awslogs-*` key repeated there.
 * Driver `none` means no logConfiguration at all (ECS has no "none" log driver).
 */
export function logConfiguration(
  spec: LoggingSpec,
  ctx: LogContext,
  pointer: string,
  report: Report,
): LogConfiguration | undefined {
  const driver = spec.driver ?? 'awslogs';
  if (driver === 'none') return undefined;
  const extra = spec.options ?? {};
  if (driver === 'awsfirelens') {
    return Object.keys(extra).length > 0
      ? { logDriver: 'awsfirelens', options: sortedRecord(extra) }
      : { logDriver: 'awsfirelens' };
  }
  const region = spec.region ?? ctx.region;
  if (!region)
    report(
      error(
        'render/log-region',
        pointer,
        'awslogs needs a region',
        'set spec.region in berth.yaml or logging.region',
      ),
    );
  const options: Record<string, string> = {
    ...extra,
    'awslogs-group': substitute(spec.group ?? DEFAULT_LOG_GROUP, ctx),
    'awslogs-stream-prefix': substitute(spec.streamPrefix ?? DEFAULT_STREAM_PREFIX, ctx),
  };
  if (region) options['awslogs-region'] = region;
  if (spec.createGroup) options['awslogs-create-group'] = 'true';
  return { logDriver: 'awslogs', options: sortedRecord(options) };
}
