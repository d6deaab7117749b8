// Classic EventBridge rules with ECS targets → Scheduler-shaped schedules.
import { describe, expect, it } from 'vitest';
import { importCandidate } from '../../../src/import/convert.js';
import { isEcsTarget, ruleToSchedule } from '../../../src/import/rule-schedule.js';
import { parseTaskDefinitionRef, type LiveJobSource } from '../../../src/import/sources.js';
import type { EventRule, EventRuleTarget } from '../../../src/model/ports.js';
import { CLUSTER, context, source, taskDefinition } from './support.js';

const rule: EventRule = {
  name: 'sales-nightly',
  eventBusName: 'default',
  scheduleExpression: 'cron(0 18 * * ? *)',
  state: 'ENABLED',
  description: 'Nightly sales',
};

const target: EventRuleTarget = {
  Id: 'sales',
  Arn: CLUSTER,
  RoleArn: 'arn:aws:iam::123456789012:role/ecs-events',
  Input: JSON.stringify({ containerOverrides: [{ name: 'sales', command: ['run', '--full'] }] }),
  EcsParameters: {
    TaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/etl-sales:3',
    TaskCount: 1,
    LaunchType: 'FARGATE',
    PlatformVersion: '1.4.0',
    PropagateTags: 'TASK_DEFINITION',
    Tags: [{ Key: 'source', Value: 'rule' }],
    NetworkConfiguration: {
      awsvpcConfiguration: {
        Subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'],
        SecurityGroups: ['sg-0c3d4e5f60718293a'],
      },
    },
  },
  RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 },
};

describe('ruleToSchedule', () => {
  it('makes the Scheduler schedule that does what the rule did, in UTC', () => {
    const s = ruleToSchedule(rule, target)!;
    expect(s.origin).toEqual({
      kind: 'rule',
      rule: 'sales-nightly',
      eventBusName: 'default',
      targetId: 'sales',
    });
    expect([s.family, s.revision]).toEqual(['etl-sales', 3]);
    expect(s.schedule).toMatchObject({
      Name: 'sales-nightly',
      ScheduleExpression: 'cron(0 18 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      Description: 'Nightly sales',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: CLUSTER, RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 } },
    });
    expect(s.schedule.Target?.EcsParameters?.Tags).toEqual([{ key: 'source', value: 'rule' }]);
  });

  it('says what a schedule cannot carry, and keeps a disabled rule disabled', () => {
    const s = ruleToSchedule(
      { ...rule, state: 'DISABLED' },
      { ...target, InputTransformer: { InputTemplate: '{}' } },
    )!;
    expect(s.schedule.State).toBe('DISABLED');
    expect(s.notes[1]).toBe(
      'rule sales-nightly passes the triggering event to the task (InputPath/InputTransformer); a schedule has no event, so that part is not imported',
    );
  });

  it('knows ECS targets from others', () => {
    expect(isEcsTarget(target)).toBe(true);
    expect(isEcsTarget({ Id: 'l', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f' })).toBe(false);
    expect(ruleToSchedule({ ...rule, scheduleExpression: undefined }, target)).toBeUndefined();
  });

  it('imports as a schedule in UTC even where the repository defaults to another zone', () => {
    const from = ruleToSchedule(rule, target)!;
    const src: LiveJobSource = { ...source(taskDefinition(), null), schedule: from };
    const job = importCandidate(src, context());
    expect(job.yaml).toContain(`  schedule:
    expression: cron(0 18 * * ? *)
    timezone: UTC
`);
    expect(job.yaml).toContain('  run:\n    command: [run, --full]\n    tags:\n      source: rule\n');
    expect(job.changes).toEqual([]);
    expect(job.role).toEqual({
      before: 'arn:aws:iam::123456789012:role/ecs-events',
      after: 'arn:aws:iam::123456789012:role/berth-scheduler',
    });
  });
});

describe('parseTaskDefinitionRef', () => {
  it.each([
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/etl-a:7', { family: 'etl-a', revision: 7 }],
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/etl-a', { family: 'etl-a' }],
    ['etl-a:2', { family: 'etl-a', revision: 2 }],
    ['etl-a', { family: 'etl-a' }],
    ['not a family!', undefined],
  ])('%s', (ref, expected) => expect(parseTaskDefinitionRef(ref)).toEqual(expected));
});
