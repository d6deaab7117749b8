import { describe, expect, it } from 'vitest';
import type { LiveScheduleDescription, ScheduleInput } from '../../../src/model/aws-types.js';
import { diffValues } from '../../../src/plan/diff.js';
import { normaliseSchedule } from '../../../src/plan/normalise-schedule.js';

const base: ScheduleInput = {
  Name: 'etl-daily',
  GroupName: 'berth',
  ScheduleExpression: 'cron(0 2 * * ? *)',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: {
    Arn: 'arn:aws:ecs:eu-west-1:1:cluster/etl',
    RoleArn: 'arn:aws:iam::1:role/scheduler',
    EcsParameters: { TaskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/etl-daily:3' },
    Input:
      '{"containerOverrides":[{"name":"a","command":["x"]},{"name":"b","environment":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}',
  },
};
const diff = (live: Partial<LiveScheduleDescription>, desired: ScheduleInput = base) =>
  diffValues(normaliseSchedule({ ...base, ...live } as LiveScheduleDescription), normaliseSchedule(desired));
const target = (t: Partial<NonNullable<ScheduleInput['Target']>>) => ({ Target: { ...base.Target!, ...t } });

describe('normaliseSchedule', () => {
  it('ignores describe-only fields', () => {
    expect(
      diff({
        Arn: 'arn:aws:scheduler:eu-west-1:1:schedule/berth/etl-daily',
        CreationDate: new Date(),
        LastModificationDate: new Date(),
        $metadata: { httpStatusCode: 200 },
      }),
    ).toEqual([]);
    expect(diff({}, { ...base, ClientToken: 'tok' })).toEqual([]);
  });

  it('fills the defaults AWS stores', () => {
    expect(
      diff({
        State: 'ENABLED',
        ScheduleExpressionTimezone: 'UTC',
        ActionAfterCompletion: 'NONE',
        ...target({
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
          EcsParameters: { ...base.Target!.EcsParameters!, TaskCount: 1 },
        }),
      }),
    ).toEqual([]);
  });

  it('fills a partial retry policy field by field', () => {
    expect(
      diff(target({ RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 3 } }), {
        ...base,
        ...target({ RetryPolicy: { MaximumRetryAttempts: 3 } }),
      }),
    ).toEqual([]);
  });

  it('reads an empty State (moto after UpdateSchedule) and empty strings as absent', () => {
    expect(diff({ State: '' as 'ENABLED', Description: '', KmsKeyArn: null as unknown as string })).toEqual(
      [],
    );
  });

  it('treats an OFF window with a size as OFF', () => {
    expect(diff({ FlexibleTimeWindow: { Mode: 'OFF', MaximumWindowInMinutes: 15 } })).toEqual([]);
  });

  it('compares Input parsed: spacing, key order and override order do not matter', () => {
    const reordered =
      '{ "containerOverrides": [ {"environment":[{"value":"2","name":"Y"},{"name":"X","value":"1"}],"name":"b"},\n {"command":["x"],"name":"a"} ] }';
    expect(diff(target({ Input: reordered }))).toEqual([]);
  });

  it('names a changed override variable by container and name', () => {
    const changed = base.Target!.Input!.replace('"value":"2"', '"value":"3"');
    expect(diff(target({ Input: changed }))).toEqual([
      { path: '/Target/Input/containerOverrides/b/environment/Y', before: '3', after: '2' },
    ]);
  });

  it('still shows a difference when Input is not JSON', () => {
    expect(diff(target({ Input: 'not json' }))).toEqual([
      { path: '/Target/Input', before: 'not json', after: expect.any(Object) },
    ]);
  });

  it('compares dates as instants', () => {
    const desired = { ...base, StartDate: new Date('2025-01-01T00:00:00Z') };
    expect(diff({ StartDate: '2025-01-01T01:00:00+01:00' as unknown as Date }, desired)).toEqual([]);
    expect(diff({ StartDate: 1735689600 as unknown as Date }, desired)).toEqual([]);
    expect(diff({ StartDate: new Date('2025-01-02T00:00:00Z') }, desired)).toHaveLength(1);
  });

  it('sorts subnets and security groups, defaults AssignPublicIp', () => {
    const net = (subnets: string[], assign?: 'ENABLED' | 'DISABLED') =>
      target({
        EcsParameters: {
          ...base.Target!.EcsParameters!,
          NetworkConfiguration: {
            awsvpcConfiguration: { Subnets: subnets, ...(assign ? { AssignPublicIp: assign } : {}) },
          },
        },
      });
    expect(diff(net(['b', 'a'], 'DISABLED'), { ...base, ...net(['a', 'b']) })).toEqual([]);
    expect(diff(net(['a', 'b'], 'ENABLED'), { ...base, ...net(['a', 'b']) })).toHaveLength(1);
  });
});
