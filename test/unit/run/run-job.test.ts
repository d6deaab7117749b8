import { describe, expect, it } from 'vitest';
import type { DesiredJob } from '../../../src/model/desired.js';
import { TAG } from '../../../src/model/desired.js';
import { consoleUrl, logLocations } from '../../../src/run/log-location.js';
import { RUN_STARTED_BY, startRun } from '../../../src/run/run-job.js';
import type { RunDeps, RunJobRequest } from '../../../src/run/run-job.js';
import type { RunSettings } from '../../../src/run/run-settings.js';
import { formatStarted, startedJson } from '../../../src/run/format-run.js';
import { FakeClock, FakeEcs, ownedTags } from './support/fakes.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/etl';

function setup() {
  const ecs = new FakeEcs();
  const containers = [
    { name: 'etl', logGroup: '/berth/etl-j', streamPrefix: 'j' },
    { name: 'router', essential: false },
  ];
  ecs.revisions.push(
    { family: 'etl-j', revision: 1, tags: ownedTags('analytics', 'old'), containers },
    { family: 'etl-j', revision: 2, tags: ownedTags('analytics'), containers },
    { family: 'etl-j', revision: 3, tags: ownedTags('analytics'), containers, status: 'INACTIVE' },
  );
  let n = 0;
  const deps: RunDeps = { ecs, clock: new FakeClock(), uuid: () => `uuid-${++n}` };
  const settings: RunSettings = {
    cluster: CLUSTER,
    params: {
      count: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['s1'], securityGroups: ['sg'], assignPublicIp: 'DISABLED' },
      },
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: true,
    },
    overrides: {
      containerOverrides: [
        {
          name: 'etl',
          command: ['sales', '--scheduled-time', '<aws.scheduler.scheduled-time>'],
          environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
        },
      ],
    },
    from: 'schedule',
  };
  const job = {
    name: 'j',
    family: 'etl-j',
    contentHash: 'hash-1',
    mainContainer: 'etl',
    sensitiveEnv: [] as string[],
  } as DesiredJob;
  const req: RunJobRequest = { job, owner: 'analytics', settings, region: 'us-east-1' };
  return { ecs, deps, req };
}

describe('startRun', () => {
  it('runs the latest ACTIVE revision with the schedule\u2019s settings and filled-in placeholders', async () => {
    const { ecs, deps, req } = setup();
    const run = await startRun(deps, req);
    expect(ecs.runInputs).toHaveLength(1);
    expect(ecs.runInputs[0]).toEqual({
      count: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['s1'], securityGroups: ['sg'], assignPublicIp: 'DISABLED' },
      },
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: true,
      cluster: CLUSTER,
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/etl-j:2',
      startedBy: RUN_STARTED_BY,
      clientToken: 'uuid-2',
      overrides: {
        containerOverrides: [
          {
            name: 'etl',
            command: ['sales', '--scheduled-time', '2024-06-01T10:00:00Z'],
            environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
          },
        ],
      },
    });
    expect(run.substituted).toEqual({ 'aws.scheduler.scheduled-time': '2024-06-01T10:00:00Z' });
    expect(run.warnings).toEqual([]);
    expect(run.tasks[0]!.logs).toEqual([
      {
        container: 'etl',
        group: '/berth/etl-j',
        stream: 'j/etl/task1',
        region: 'us-east-1',
        url: consoleUrl('us-east-1', '/berth/etl-j', 'j/etl/task1'),
      },
    ]);
  });

  it('CLI arguments replace the command and --env adds to the environment of the chosen container', async () => {
    const { ecs, deps, req } = setup();
    await startRun(deps, { ...req, container: 'router', args: ['--verbose'], env: { LEVEL: 'debug' } });
    expect(ecs.runInputs[0]!.overrides!.containerOverrides).toEqual([
      {
        name: 'etl',
        command: ['sales', '--scheduled-time', '2024-06-01T10:00:00Z'],
        environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
      },
      { name: 'router', command: ['--verbose'], environment: [{ name: 'LEVEL', value: 'debug' }] },
    ]);
  });

  it('warns about window placeholders it cannot fill and about a stale revision', async () => {
    const { deps, req } = setup();
    req.job.contentHash = 'hash-2';
    const run = await startRun(deps, { ...req, args: ['{{window.start}}'] });
    expect(run.warnings).toEqual([
      expect.stringMatching(/etl-j:2 differs from what the manifests render now/),
      'left as written (berth run has no value for them): {{window.start}}',
    ]);
  });

  it('never registers: a missing family says to apply first', async () => {
    const { ecs, deps, req } = setup();
    ecs.revisions = [];
    await expect(startRun(deps, req)).rejects.toMatchObject({
      code: 'NotFound',
      hint: 'run `berth apply` first',
    });
    expect(ecs.runInputs).toHaveLength(0);
  });

  it('refuses a family berth does not own', async () => {
    const { ecs, deps, req } = setup();
    ecs.revisions = [{ family: 'etl-j', revision: 1, tags: { team: 'x' }, containers: [{ name: 'etl' }] }];
    await expect(startRun(deps, req)).rejects.toMatchObject({ code: 'Ownership', message: /another tool/ });
    ecs.revisions[0]!.tags = { ...ownedTags('someone-else') };
    await expect(startRun(deps, req)).rejects.toThrow(/berth installation "someone-else"/);
    expect(ecs.runInputs).toHaveLength(0);
  });

  it('refuses a container the revision does not define', async () => {
    const { ecs, deps, req } = setup();
    await expect(startRun(deps, { ...req, container: 'nope' })).rejects.toMatchObject({
      code: 'Invalid',
      hint: 'containers: etl, router',
    });
    expect(ecs.runInputs).toHaveLength(0);
  });

  it('says why RunTask started nothing', async () => {
    const { ecs, deps, req } = setup();
    ecs.runFailure = { reason: 'RESOURCE:MEMORY' };
    await expect(startRun(deps, req)).rejects.toThrow(/started no task: RESOURCE:MEMORY/);
  });

  it('masks sensitive environment values in text and JSON output', async () => {
    const { deps, req } = setup();
    const run = await startRun(deps, req);
    const text = formatStarted(run, []);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('DB_PASSWORD=(sensitive)');
    expect(text).toContain('<aws.scheduler.scheduled-time> → 2024-06-01T10:00:00Z');
    expect(JSON.stringify(startedJson(run, []))).not.toContain('hunter2');
  });
});

describe('logLocations', () => {
  it('skips containers without awslogs and streams without a prefix', () => {
    const locs = logLocations(
      {
        containerDefinitions: [
          { name: 'a', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/g' } } },
          { name: 'b', logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } } },
        ],
      },
      'arn:aws:ecs:eu-west-1:1:task/c/abc',
      'eu-west-1',
    );
    expect(locs).toEqual([
      { container: 'a', group: '/g', region: 'eu-west-1', url: consoleUrl('eu-west-1', '/g') },
    ]);
  });

  it('console links encode like the console does', () => {
    expect(consoleUrl('us-east-1', '/berth/etl-j', 'j/etl/abc')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fberth$252Fetl-j/log-events/j$252Fetl$252Fabc',
    );
  });
});

describe('ownership tags', () => {
  it('TAG keys the fakes use are berth\u2019s', () => {
    expect(Object.keys(ownedTags('x'))).toEqual([TAG.managedBy, TAG.owner, TAG.hash]);
  });
});
