// A classic EventBridge rule with an ECS target (what ecschedule and the console's older
// "scheduled tasks" create) as the Scheduler schedule that does the same. The cron dialect is
// the same; rules fire in UTC, so the schedule says UTC explicitly.
import type { LiveScheduleDescription } from '../model/aws-types.js';
import type { EventRule, EventRuleTarget } from '../model/ports.js';
import { parseTaskDefinitionRef, type ScheduleSource } from './sources.js';

type EcsParameters = NonNullable<NonNullable<LiveScheduleDescription['Target']>['EcsParameters']>;

export function isEcsTarget(t: EventRuleTarget): boolean {
  return t.EcsParameters !== undefined && /^arn:[^:]+:ecs:[^:]*:\d*:cluster\//.test(t.Arn ?? '');
}

export function ruleToSchedule(rule: EventRule, target: EventRuleTarget): ScheduleSource | undefined {
  const ecs = target.EcsParameters;
  const ref = ecs?.TaskDefinitionArn ? parseTaskDefinitionRef(ecs.TaskDefinitionArn) : undefined;
  if (!ecs || !ref || !rule.scheduleExpression) return undefined;
  const notes: string[] = [
    `EventBridge rules fire in UTC: imported with timezone UTC (to run in local time, change expression and timezone together)`,
  ];
  if (target.InputPath || target.InputTransformer)
    notes.push(
      `rule ${rule.name} passes the triggering event to the task (InputPath/InputTransformer); a schedule has no event, so that part is not imported`,
    );
  const params: EcsParameters = {
    TaskDefinitionArn: ecs.TaskDefinitionArn,
    TaskCount: ecs.TaskCount,
    LaunchType: ecs.LaunchType,
    NetworkConfiguration: ecs.NetworkConfiguration,
    PlatformVersion: ecs.PlatformVersion,
    Group: ecs.Group,
    CapacityProviderStrategy: ecs.CapacityProviderStrategy,
    EnableECSManagedTags: ecs.EnableECSManagedTags,
    EnableExecuteCommand: ecs.EnableExecuteCommand,
    PlacementConstraints: ecs.PlacementConstraints,
    PlacementStrategy: ecs.PlacementStrategy,
    PropagateTags: ecs.PropagateTags,
    ReferenceId: ecs.ReferenceId,
    // EventBridge spells task tags {Key, Value}, Scheduler {key, value}.
    Tags: ecs.Tags?.map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
  } as EcsParameters;
  const schedule: LiveScheduleDescription = {
    $metadata: {},
    Name: rule.name,
    ScheduleExpression: rule.scheduleExpression,
    ScheduleExpressionTimezone: 'UTC',
    State: rule.state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: {
      Arn: target.Arn,
      RoleArn: target.RoleArn,
      EcsParameters: params,
      ...(target.Input ? { Input: target.Input } : {}),
      ...(target.RetryPolicy ? { RetryPolicy: target.RetryPolicy } : {}),
      ...(target.DeadLetterConfig?.Arn ? { DeadLetterConfig: { Arn: target.DeadLetterConfig.Arn } } : {}),
    },
    ...(rule.description ? { Description: rule.description } : {}),
  };
  return {
    origin: { kind: 'rule', rule: rule.name, eventBusName: rule.eventBusName, targetId: target.Id ?? '' },
    schedule,
    family: ref.family,
    ...(ref.revision !== undefined ? { revision: ref.revision } : {}),
    notes,
  };
}
