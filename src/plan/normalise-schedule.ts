// A schedule in comparable form: GetSchedule output and the desired CreateSchedule input
// both go through here, with AWS's defaults filled in so "absent" and "default" agree.
import type { LiveScheduleDescription, ScheduleInput } from '../model/aws-types.js';
import { compact, str, unordered } from './json.js';
import { normaliseInput } from './normalise-input.js';

type Target = NonNullable<ScheduleInput['Target']>;
type EcsParameters = NonNullable<Target['EcsParameters']>;
type Window = ScheduleInput['FlexibleTimeWindow'];

/** What AWS stores when RetryPolicy (or one of its fields) is omitted. */
export const DEFAULT_RETRY = { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 } as const;

/** Both sides are read through this allow-list; Arn, CreationDate, $metadata, ClientToken never take part. */
export function normaliseSchedule(s: ScheduleInput | LiveScheduleDescription): Record<string, unknown> {
  return (compact({
    Name: str(s.Name),
    GroupName: str(s.GroupName),
    ScheduleExpression: str(s.ScheduleExpression),
    ScheduleExpressionTimezone: str(s.ScheduleExpressionTimezone) ?? 'UTC',
    StartDate: instant(s.StartDate),
    EndDate: instant(s.EndDate),
    Description: str(s.Description),
    State: str(s.State) ?? 'ENABLED',
    KmsKeyArn: str(s.KmsKeyArn),
    FlexibleTimeWindow: flexibleWindow(s.FlexibleTimeWindow),
    ActionAfterCompletion: str(s.ActionAfterCompletion) ?? 'NONE',
    Target: s.Target ? normaliseTarget(s.Target) : undefined,
  }) ?? {}) as Record<string, unknown>;
}

function normaliseTarget(t: Target): unknown {
  const { RetryPolicy, Input, EcsParameters, ...rest } = t;
  return {
    ...rest,
    RetryPolicy: {
      MaximumEventAgeInSeconds:
        RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY.MaximumEventAgeInSeconds,
      MaximumRetryAttempts: RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY.MaximumRetryAttempts,
    },
    Input: normaliseInput(Input),
    EcsParameters: EcsParameters ? normaliseEcsParameters(EcsParameters) : undefined,
  };
}

function normaliseEcsParameters(p: EcsParameters): unknown {
  const vpc = p.NetworkConfiguration?.awsvpcConfiguration;
  return {
    ...p,
    TaskCount: p.TaskCount ?? 1,
    Group: str(p.Group),
    PlatformVersion: str(p.PlatformVersion),
    ReferenceId: str(p.ReferenceId),
    // false is RunTask's default for both switches.
    EnableECSManagedTags: p.EnableECSManagedTags || undefined,
    EnableExecuteCommand: p.EnableExecuteCommand || undefined,
    NetworkConfiguration: vpc
      ? {
          awsvpcConfiguration: {
            Subnets: unordered(vpc.Subnets),
            SecurityGroups: unordered(vpc.SecurityGroups),
            AssignPublicIp: str(vpc.AssignPublicIp) ?? 'DISABLED',
          },
        }
      : undefined,
    CapacityProviderStrategy: unordered(p.CapacityProviderStrategy),
    PlacementConstraints: unordered(p.PlacementConstraints),
    // PlacementStrategy keeps its order: strategies apply in sequence.
    Tags: unordered(p.Tags),
  };
}

/** OFF ≡ absent; the window size means nothing when the window is off. */
function flexibleWindow(w: Window): unknown {
  if (!w || !w.Mode || w.Mode === 'OFF') return { Mode: 'OFF' };
  return { Mode: w.Mode, MaximumWindowInMinutes: w.MaximumWindowInMinutes };
}

/** Dates compared as instants: a Date, an ISO string or epoch seconds all say the same thing. */
function instant(v: Date | string | number | null | undefined): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const d = typeof v === 'number' ? new Date(v < 1e11 ? v * 1000 : v) : new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}
