import { describe, expect, it } from 'vitest';
import { renderDesired } from '../../../src/desired/render.js';
import { flexibleTimeWindow } from '../../../src/desired/schedule.js';
import { scheduleDate } from '../../../src/desired/schedule-dates.js';
import type { JobManifest, ScheduleSpec } from '../../../src/model/manifest.js';
import { config, job } from './support/build.js';

function render(schedule: ScheduleSpec, extra: Partial<JobManifest['spec']> = {}, cfg = config(), meta = {}) {
  const { state, diagnostics } = renderDesired(cfg, [
    job('daily', { image: 'repo/etl:1', schedule, ...extra }, meta),
  ]);
  return { job: state.jobs[0]!, s: state.jobs[0]!.schedule!, diagnostics };
}

describe('schedule', () => {
  it('renders the complete CreateSchedule input with defaults', () => {
    const r = render({ expression: 'cron(0 3 * * ? *)' }, {}, config(), { description: 'daily load' });
    expect(r.diagnostics).toEqual([]);
    expect(r.job.scheduleName).toBe('etl-daily');
    expect(r.s).toEqual({
      Name: 'etl-daily',
      GroupName: 'berth-analytics',
      Description: 'daily load',
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/etl',
        RoleArn: 'arn:aws:iam::123456789012:role/berth-scheduler',
        EcsParameters: {
          TaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/etl-daily',
          TaskCount: 1,
          LaunchType: 'FARGATE',
          NetworkConfiguration: {
            awsvpcConfiguration: {
              Subnets: ['subnet-1'],
              SecurityGroups: ['sg-1'],
              AssignPublicIp: 'DISABLED',
            },
          },
        },
      },
    });
    expect(r.job.oneTime).toBe(false);
  });

  it('uses the schedule description over metadata and cuts it to 512 characters', () => {
    expect(
      render({ expression: 'rate(1 day)', description: 'own' }, {}, config(), { description: 'meta' }).s
        .Description,
    ).toBe('own');
    const long = render({ expression: 'rate(1 day)' }, {}, config(), { description: 'é'.repeat(600) });
    expect(Array.from(long.s.Description!)).toHaveLength(512);
    expect(long.diagnostics.map((d) => [d.severity, d.rule])).toEqual([
      ['warning', 'render/description-length'],
    ]);
  });

  it('renders timezone, state and completion action as written', () => {
    const r = render({
      expression: 'rate(1 hour)',
      timezone: 'Asia/Tokyo',
      state: 'DISABLED',
      actionAfterCompletion: 'NONE',
    });
    expect(r.s).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      State: 'DISABLED',
      ActionAfterCompletion: 'NONE',
    });
  });

  it('renders flexible windows', () => {
    expect(flexibleTimeWindow(undefined)).toEqual({ Mode: 'OFF' });
    expect(flexibleTimeWindow(0)).toEqual({ Mode: 'OFF' });
    expect(flexibleTimeWindow('off')).toEqual({ Mode: 'OFF' });
    expect(flexibleTimeWindow(15)).toEqual({ Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 });
    expect(render({ expression: 'rate(1 day)', flexibleWindowMinutes: 30 }).s.FlexibleTimeWindow).toEqual({
      Mode: 'FLEXIBLE',
      MaximumWindowInMinutes: 30,
    });
  });

  it('renders retry policy (only the fields given) and the dead-letter queue', () => {
    const r = render({
      expression: 'rate(1 day)',
      retry: { maximumRetryAttempts: 0 },
      deadLetterQueueArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
    });
    expect(r.s.Target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 0 });
    expect(r.s.Target!.DeadLetterConfig).toEqual({ Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' });
    const both = render({
      expression: 'rate(1 day)',
      retry: { maximumEventAgeInSeconds: 600, maximumRetryAttempts: 3 },
    });
    expect(both.s.Target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 600, MaximumRetryAttempts: 3 });
    expect(render({ expression: 'rate(1 day)', retry: {} }).s.Target).not.toHaveProperty('RetryPolicy');
  });

  it('merges schedule defaults from the config under the job', () => {
    const cfg = config({
      defaults: {
        ...config().spec.defaults,
        schedule: {
          timezone: 'Asia/Tokyo',
          retry: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 2 },
        },
      },
    });
    const r = render({ expression: 'rate(1 day)', retry: { maximumRetryAttempts: 5 } }, {}, cfg);
    expect(r.s.ScheduleExpressionTimezone).toBe('Asia/Tokyo');
    expect(r.s.Target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 5 });
  });

  it('reads start and end dates in the schedule time zone unless they carry an offset', () => {
    const r = render({
      expression: 'rate(1 day)',
      timezone: 'Asia/Tokyo',
      startDate: '2025-04-01T00:00:00',
      endDate: '2025-12-31T23:00:00Z',
    });
    expect(r.s.StartDate).toEqual(new Date('2025-03-31T15:00:00.000Z'));
    expect(r.s.EndDate).toEqual(new Date('2025-12-31T23:00:00.000Z'));
    expect(JSON.stringify(r.s.StartDate)).toBe('"2025-03-31T15:00:00.000Z"');
    expect(render({ expression: 'rate(1 day)', startDate: '2025-04-01' }).s.StartDate).toEqual(
      new Date('2025-04-01T00:00:00Z'),
    );
  });

  it('reports unreadable dates and time zones', () => {
    expect(scheduleDate('2025-04-01 09:30:00', 'UTC')).toEqual({
      ok: true,
      value: new Date('2025-04-01T09:30:00Z'),
    });
    expect(scheduleDate('soon', 'UTC').ok).toBe(false);
    const bad = scheduleDate('2025-04-01', 'Mars/Olympus');
    expect(!bad.ok && bad.error).toContain('unknown time zone');
    const r = render({ expression: 'rate(1 day)', startDate: 'next tuesday' });
    expect(r.s).not.toHaveProperty('StartDate');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ rule: 'render/date', pointer: '/spec/schedule/startDate' }),
    ]);
  });

  it('marks at() schedules deleted after completion as one-time', () => {
    const once = render({ expression: 'at(2026-03-01T01:00:00)', actionAfterCompletion: 'DELETE' });
    expect(once.job.oneTime).toBe(true);
    expect(once.s.ActionAfterCompletion).toBe('DELETE');
    expect(render({ expression: 'at(2026-03-01T01:00:00)' }).job.oneTime).toBe(false);
    expect(render({ expression: 'rate(1 day)', actionAfterCompletion: 'DELETE' }).job.oneTime).toBe(false);
  });

  it('renders run parameters: count, tags, propagation, exec, group, public IP', () => {
    const r = render(
      { expression: 'rate(1 day)' },
      {
        run: {
          taskCount: 2,
          tags: { team: 'data', app: 'etl' },
          propagateTags: 'TASK_DEFINITION',
          enableEcsManagedTags: true,
          enableExecuteCommand: false,
          group: 'etl-batch',
          assignPublicIp: true,
          subnets: ['subnet-9'],
          securityGroups: [],
        },
        task: { platformVersion: '1.4.0' },
      },
    );
    expect(r.s.Target!.EcsParameters).toEqual({
      TaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/etl-daily',
      TaskCount: 2,
      LaunchType: 'FARGATE',
      PlatformVersion: '1.4.0',
      NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['subnet-9'], AssignPublicIp: 'ENABLED' } },
      Group: 'etl-batch',
      PropagateTags: 'TASK_DEFINITION',
      EnableECSManagedTags: true,
      EnableExecuteCommand: false,
      Tags: [
        { key: 'app', value: 'etl' },
        { key: 'team', value: 'data' },
      ],
    });
  });

  it('leaves out PropagateTags NONE, and PlatformVersion and network config where they do not apply', () => {
    const r = render(
      { expression: 'rate(1 day)' },
      {
        run: { propagateTags: 'NONE' },
        task: { launchType: 'EC2', networkMode: 'bridge', platformVersion: '1.4.0' },
      },
    );
    const ecs = r.s.Target!.EcsParameters!;
    expect(ecs).not.toHaveProperty('PropagateTags');
    expect(ecs).not.toHaveProperty('PlatformVersion');
    expect(ecs).not.toHaveProperty('NetworkConfiguration');
    expect(ecs.LaunchType).toBe('EC2');
  });

  it('sends a capacity provider strategy instead of a launch type', () => {
    const r = render(
      { expression: 'rate(1 day)' },
      { task: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } },
    );
    expect(r.s.Target!.EcsParameters).toMatchObject({
      CapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    expect(r.s.Target!.EcsParameters).not.toHaveProperty('LaunchType');
  });

  it('carries the overrides as Target.Input', () => {
    const r = render(
      { expression: 'rate(1 day)' },
      { run: { command: ['--at', '<aws.scheduler.scheduled-time>'] } },
    );
    expect(r.s.Target!.Input).toBe(
      '{"containerOverrides":[{"command":["--at","<aws.scheduler.scheduled-time>"],"name":"daily"}]}',
    );
  });

  it('uses run.cluster for one job (name or ARN)', () => {
    const byName = render({ expression: 'rate(1 day)' }, { run: { cluster: 'gpu' } });
    expect(byName.s.Target!.Arn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/gpu');
    const arn = 'arn:aws:ecs:us-east-1:555566667777:cluster/shared';
    const byArn = render({ expression: 'rate(1 day)' }, { run: { cluster: arn } });
    expect(byArn.s.Target!.Arn).toBe(arn);
    expect(byArn.s.Target!.EcsParameters!.TaskDefinitionArn).toBe(
      'arn:aws:ecs:us-east-1:555566667777:task-definition/etl-daily',
    );
  });

  it('reports missing subnets and a missing scheduler role', () => {
    const cfg = config({
      schedulerRoleArn: undefined,
      cluster: 'arn:aws:ecs:us-east-1:1:cluster/etl',
      defaults: { task: { cpu: 256, memory: 512 } },
    });
    const r = render({ expression: 'rate(1 day)' }, {}, cfg);
    expect(r.diagnostics.map((d) => [d.rule, d.file, d.pointer])).toEqual([
      ['render/scheduler-role', 'berth.yaml', '/spec/schedulerRoleArn'],
      ['render/subnets', 'jobs/daily.yaml', '/spec/run/subnets'],
    ]);
  });

  it('reports a schedule name longer than Scheduler allows', () => {
    const r = renderDesired(config(), [
      job('x'.repeat(70), { image: 'i', schedule: { expression: 'rate(1 day)' } }),
    ]);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['render/schedule-name']);
  });

  it('renders no schedule for an on-demand job', () => {
    const { state } = renderDesired(config(), [job('adhoc', { image: 'i' })]);
    expect(state.jobs[0]).not.toHaveProperty('schedule');
    expect(state.jobs[0]).not.toHaveProperty('scheduleName');
  });
});
