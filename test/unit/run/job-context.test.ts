import { describe, expect, it } from 'vitest';
import type { JobManifest } from '../../../src/model/manifest.js';
import { jobContext } from '../../../src/run/job-context.js';
import { settingsFromSchedule } from '../../../src/run/run-settings.js';
import type { ScheduleInput } from '../../../src/model/aws-types.js';
import { loadedJob, loadResult, repoConfig } from './support/repo.js';

const spec: JobManifest['spec'] = {
  image: 'repo/etl:1',
  entryPoint: ['/bin/bash', '/opt/myetl/bin/launch.sh'],
  command: ['sales'],
  run: {
    command: ['sales', '--scheduled-time', '<aws.scheduler.scheduled-time>'],
    environment: { MODE: 'incremental' },
    taskCount: 2,
    tags: { purpose: 'etl' },
    enableExecuteCommand: true,
  },
};

describe('jobContext', () => {
  it('reads a scheduled job\u2019s settings from its rendered schedule', () => {
    const ctx = jobContext(
      loadResult([
        loadedJob('daily', {
          ...spec,
          schedule: { expression: 'cron(0 3 * * ? *)', timezone: 'Asia/Tokyo' },
        }),
      ]),
      'daily',
    );
    expect(ctx.settings.from).toBe('schedule');
    expect(ctx.timezone).toBe('Asia/Tokyo');
    expect(ctx.settings.cluster).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/etl');
    expect(ctx.settings.params).toEqual({
      count: 2,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-1', 'subnet-2'],
          securityGroups: ['sg-1'],
          assignPublicIp: 'DISABLED',
        },
      },
      propagateTags: 'TASK_DEFINITION',
      enableECSManagedTags: true,
      enableExecuteCommand: true,
      tags: [{ key: 'purpose', value: 'etl' }],
    });
    expect(ctx.settings.overrides).toEqual({
      containerOverrides: [
        {
          name: 'daily',
          command: ['sales', '--scheduled-time', '<aws.scheduler.scheduled-time>'],
          environment: [{ name: 'MODE', value: 'incremental' }],
        },
      ],
    });
  });

  it('builds the very same settings for an on-demand job as its schedule would carry', () => {
    const scheduled = jobContext(
      loadResult([loadedJob('j', { ...spec, schedule: { expression: 'rate(1 day)' } })]),
      'j',
    );
    const onDemand = jobContext(loadResult([loadedJob('j', spec)]), 'j');
    expect(onDemand.settings.from).toBe('manifest');
    expect(onDemand.timezone).toBe('UTC');
    expect(onDemand.job.schedule).toBeUndefined();
    expect({ ...onDemand.settings, from: 'x' }).toEqual({ ...scheduled.settings, from: 'x' });
  });

  it('matches for a capacity provider strategy, a public IP and a job cluster too', () => {
    const extra: JobManifest['spec'] = {
      ...spec,
      task: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
      run: { ...spec.run, assignPublicIp: true, cluster: 'other', group: 'etl-group', propagateTags: 'NONE' },
    };
    const scheduled = jobContext(
      loadResult([loadedJob('j', { ...extra, schedule: { expression: 'rate(1 day)' } })]),
      'j',
    );
    const onDemand = jobContext(loadResult([loadedJob('j', extra)]), 'j');
    expect(onDemand.settings.cluster).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/other');
    expect(onDemand.settings.params.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 1 },
    ]);
    expect(onDemand.settings.params.launchType).toBeUndefined();
    expect({ ...onDemand.settings, from: 'x' }).toEqual({ ...scheduled.settings, from: 'x' });
  });

  it('names the jobs there are when the job is unknown', () => {
    expect(() => jobContext(loadResult([loadedJob('a', spec), loadedJob('b', spec)]), 'c')).toThrow(
      expect.objectContaining({ code: 'NotFound', hint: 'jobs: a, b' }),
    );
  });

  it('refuses a job whose manifest does not render', () => {
    const bad = loadResult([loadedJob('j', { image: 'x', run: { container: 'nope' } })]);
    expect(() => jobContext(bad, 'j')).toThrow(/job "j" is not valid:\n.*nope/);
  });

  it('refuses when the config cannot place the cluster', () => {
    const noAccount = loadResult([loadedJob('j', spec)], repoConfig({ schedulerRoleArn: undefined }));
    expect(() => jobContext(noAccount, 'j')).toThrow(/no account id/);
    expect(jobContext(noAccount, 'j', { accountId: '210987654321' }).settings.cluster).toBe(
      'arn:aws:ecs:us-east-1:210987654321:cluster/etl',
    );
  });
});

describe('settingsFromSchedule', () => {
  it('maps every EcsParameters field RunTask knows', () => {
    const schedule: ScheduleInput = {
      Name: 's',
      ScheduleExpression: 'rate(1 day)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: 'arn:aws:ecs:us-east-1:1:cluster/c',
        RoleArn: 'r',
        Input: '{"containerOverrides":[{"name":"a","command":["x"]}]}',
        EcsParameters: {
          TaskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/f',
          CapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 2, base: 1 }],
          NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['s1'], AssignPublicIp: 'ENABLED' } },
          Group: 'g',
          PlacementConstraints: [{ type: 'memberOf', expression: 'attribute:x == y' }],
          PlacementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
          ReferenceId: 'ref',
          Tags: [{ key: 'k', value: 'v' }, { team: 'data' }],
        },
      },
    };
    const s = settingsFromSchedule(schedule);
    expect(s.params).toEqual({
      count: 1,
      capacityProviderStrategy: [{ capacityProvider: 'cp', weight: 2, base: 1 }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['s1'], assignPublicIp: 'ENABLED' } },
      group: 'g',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:x == y' }],
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      referenceId: 'ref',
      tags: [
        { key: 'k', value: 'v' },
        { key: 'team', value: 'data' },
      ],
    });
    expect(s.overrides).toEqual({ containerOverrides: [{ name: 'a', command: ['x'] }] });
  });

  it('refuses a schedule without an ECS target', () => {
    expect(() =>
      settingsFromSchedule({
        Name: 's',
        ScheduleExpression: 'x',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'a', RoleArn: 'r' },
      }),
    ).toThrow(/no ECS target/);
  });
});

describe('jobContext without a usable berth.yaml', () => {
  const empty = {
    config: undefined,
    jobs: [],
    invalidFiles: [],
    invalidJobNames: [],
  };

  it('says "no berth.yaml found" only when there is none', () => {
    expect(() => jobContext({ ...empty, configFile: undefined, diagnostics: [] }, 'a')).toThrow(
      /no berth\.yaml found/,
    );
  });

  it('names the problem when berth.yaml is there but cannot be used (an unknown --env)', () => {
    const load = {
      ...empty,
      configFile: 'berth.yaml',
      diagnostics: [
        {
          severity: 'error' as const,
          file: 'berth.yaml',
          line: 0,
          column: 0,
          pointer: '',
          rule: 'environment/unknown',
          message: 'no environment "staging": berth.yaml declares dev, prod',
        },
      ],
    };
    let message = '';
    try {
      jobContext(load, 'a');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/berth\.yaml cannot be used/);
    expect(message).toMatch(/no environment "staging"/);
    expect(message).not.toMatch(/no berth\.yaml found/);
  });
});
