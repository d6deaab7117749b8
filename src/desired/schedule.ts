// CreateSchedule input with an ECS RunTask target. Always the complete schedule:
// UpdateSchedule replaces everything, so a partial input would silently reset fields.
import type { ScheduleInput } from '../model/aws-types.js';
import type { RunSpec, ScheduleSpec } from '../model/manifest.js';
import type { LaunchChoice } from './launch.js';
import { scheduleDate } from './schedule-dates.js';
import { compact, error, warning } from './problems.js';
import type { Report } from './problems.js';
import { toSchedulerTaskTags } from './tags.js';

/** Written explicitly so the schedule means the same whatever AWS's default is. */
export const DEFAULT_TIMEZONE = 'UTC';
export const DESCRIPTION_MAX = 512;

type Target = NonNullable<ScheduleInput['Target']>;
type EcsParameters = NonNullable<Target['EcsParameters']>;

export interface ScheduleContext {
  name: string;
  group: string;
  description: string | undefined;
  clusterArn: string | undefined;
  roleArn: string | undefined;
  taskDefinitionArn: string;
  launch: LaunchChoice;
  networkMode: string;
  platformVersion: string | undefined;
  input: string | undefined;
}

export function scheduleInput(
  spec: ScheduleSpec,
  run: RunSpec,
  ctx: ScheduleContext,
  report: Report,
): ScheduleInput {
  const timezone = spec.timezone ?? DEFAULT_TIMEZONE;
  if (!ctx.roleArn)
    report({
      ...error(
        'render/scheduler-role',
        '/spec/schedulerRoleArn',
        'a scheduled job needs schedulerRoleArn',
        'set spec.schedulerRoleArn in berth.yaml (the role Scheduler assumes to call ecs:RunTask)',
      ),
      inConfig: true,
    });
  return compact<ScheduleInput>({
    Name: ctx.name,
    GroupName: ctx.group,
    Description: description(spec.description ?? ctx.description, report),
    ScheduleExpression: spec.expression,
    ScheduleExpressionTimezone: timezone,
    StartDate: date(spec.startDate, timezone, '/spec/schedule/startDate', report),
    EndDate: date(spec.endDate, timezone, '/spec/schedule/endDate', report),
    State: spec.state ?? 'ENABLED',
    FlexibleTimeWindow: flexibleTimeWindow(spec.flexibleWindowMinutes),
    ActionAfterCompletion: spec.actionAfterCompletion,
    Target: compact<Target>({
      Arn: ctx.clusterArn,
      RoleArn: ctx.roleArn,
      RetryPolicy: retryPolicy(spec),
      DeadLetterConfig: spec.deadLetterQueueArn ? { Arn: spec.deadLetterQueueArn } : undefined,
      EcsParameters: ecsParameters(run, ctx, report),
      Input: ctx.input,
    }),
  });
}

/** 0, absent (or anything not a positive number) is OFF; N > 0 minutes is FLEXIBLE. */
export function flexibleTimeWindow(minutes: unknown): ScheduleInput['FlexibleTimeWindow'] {
  return typeof minutes === 'number' && minutes > 0
    ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: minutes }
    : { Mode: 'OFF' };
}

function retryPolicy(spec: ScheduleSpec): Target['RetryPolicy'] {
  const r = spec.retry;
  if (!r || (r.maximumEventAgeInSeconds === undefined && r.maximumRetryAttempts === undefined))
    return undefined;
  return compact({
    MaximumEventAgeInSeconds: r.maximumEventAgeInSeconds,
    MaximumRetryAttempts: r.maximumRetryAttempts,
  });
}

function description(text: string | undefined, report: Report): string | undefined {
  if (text === undefined) return undefined;
  const chars = Array.from(text);
  if (chars.length <= DESCRIPTION_MAX) return text;
  report(
    warning(
      'render/description-length',
      '/metadata/description',
      `description cut to ${DESCRIPTION_MAX} characters for the schedule`,
    ),
  );
  return chars.slice(0, DESCRIPTION_MAX).join('');
}

function date(
  value: string | undefined,
  timezone: string,
  pointer: string,
  report: Report,
): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = scheduleDate(value, timezone);
  if (parsed.ok) return parsed.value;
  report(error('render/date', pointer, parsed.error));
  return undefined;
}

function ecsParameters(run: RunSpec, ctx: ScheduleContext, report: Report): EcsParameters {
  const { launch } = ctx;
  return compact<EcsParameters>({
    TaskDefinitionArn: ctx.taskDefinitionArn,
    TaskCount: run.taskCount ?? 1,
    LaunchType: launch.launchType,
    CapacityProviderStrategy: launch.capacityProviderStrategy,
    PlatformVersion: launch.fargate ? ctx.platformVersion : undefined,
    NetworkConfiguration: ctx.networkMode === 'awsvpc' ? networkConfiguration(run, report) : undefined,
    Group: run.group,
    // NONE is the API's default and not a value Scheduler accepts: leave it out
    PropagateTags: run.propagateTags === 'TASK_DEFINITION' ? 'TASK_DEFINITION' : undefined,
    EnableECSManagedTags: run.enableEcsManagedTags,
    EnableExecuteCommand: run.enableExecuteCommand,
    Tags: run.tags && Object.keys(run.tags).length > 0 ? toSchedulerTaskTags(run.tags) : undefined,
  });
}

function networkConfiguration(run: RunSpec, report: Report): EcsParameters['NetworkConfiguration'] {
  const subnets = run.subnets ?? [];
  if (subnets.length === 0)
    report(
      error(
        'render/subnets',
        '/spec/run/subnets',
        'an awsvpc task needs at least one subnet',
        'set defaults.network.subnets in berth.yaml or run.subnets',
      ),
    );
  const securityGroups = run.securityGroups ?? [];
  return {
    awsvpcConfiguration: compact({
      Subnets: [...subnets],
      SecurityGroups: securityGroups.length > 0 ? [...securityGroups] : undefined,
      AssignPublicIp: run.assignPublicIp ? ('ENABLED' as const) : ('DISABLED' as const),
    }),
  };
}
