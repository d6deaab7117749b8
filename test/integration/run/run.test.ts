// `berth run` against the emulator: the RunTask request as ECS recorded it (DescribeTasks
// returns the overrides, launch type, subnets, startedBy and tags it was given).
import { rm } from 'node:fs/promises';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ListTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_STARTED_BY, startRun, waitRun } from '../../../src/run/run-job.js';
import type { RunDeps } from '../../../src/run/run-job.js';
import { emulatorPorts, rawClients } from '../../support/aws.js';
import { emulatorEndpoint, REGION, resetEmulator } from '../../support/emulator.js';
import {
  berth,
  commandOf,
  describeTasks,
  makeRepo,
  OWNER,
  quickClock,
  setTaskTransition,
} from './support.js';
import type { TestRepo } from './support.js';

let repo: TestRepo;
let deps: RunDeps;
let n = 0;

beforeEach(async () => {
  await resetEmulator();
  repo = await makeRepo();
  deps = {
    ecs: emulatorPorts().ecs,
    clock: quickClock,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
});
afterEach(async () => {
  await setTaskTransition(undefined);
  await rm(repo.dir, { recursive: true, force: true });
});

describe('berth run (emulator)', () => {
  it('starts the live revision with the schedule\u2019s run settings and the CLI arguments', async () => {
    const ports = emulatorPorts();
    await repo.apply(ports, 'daily');
    const live = await repo.apply(ports, 'daily'); // revision 2 is live
    const ctx = await repo.context('daily');

    const started = await startRun(deps, {
      job: ctx.job,
      owner: ctx.desired.owner,
      settings: ctx.settings,
      args: ['backfill', '--day', '2018-01-01'],
      env: { MODE: 'full', EXTRA: '1' },
    });
    expect(started.taskDefinitionArn).toBe(live);
    expect(live).toMatch(/task-definition\/it-daily:2$/);
    expect(ports.calls.snapshot()['ecs:RegisterTaskDefinition']).toBe(2); // the two applies, none by run

    const [task] = await describeTasks(
      repo.clusterArn,
      started.tasks.map((t) => t.taskArn),
    );
    expect(task?.taskDefinitionArn).toBe(live);
    expect(commandOf(task!, 'etl')).toEqual(['backfill', '--day', '2018-01-01']);
    expect(task?.overrides?.containerOverrides?.[0]?.environment).toEqual([
      { name: 'MODE', value: 'full' },
      { name: 'EXTRA', value: '1' },
    ]);
    expect(task?.launchType).toBe('FARGATE');
    expect(task?.startedBy).toBe(RUN_STARTED_BY);
    expect(task?.attachments?.[0]?.details?.find((d) => d.name === 'subnetId')?.value).toBe(repo.subnets[0]);
    expect(started.tasks[0]!.logs[0]).toMatchObject({
      container: 'etl',
      group: '/berth/it-daily',
      stream: `daily/etl/${task!.taskArn!.split('/').pop()}`,
    });
  });

  it('fills <aws.scheduler.scheduled-time> with the current time when the configured command is kept', async () => {
    const ports = emulatorPorts();
    await repo.apply(ports, 'daily');
    const ctx = await repo.context('daily');
    const before = Date.now();
    const started = await startRun(deps, { job: ctx.job, owner: OWNER, settings: ctx.settings });
    const [task] = await describeTasks(repo.clusterArn, [started.tasks[0]!.taskArn]);
    const command = commandOf(task!, 'etl')!;
    expect(command.slice(0, 2)).toEqual(['daily', '--scheduled-time']);
    expect(command[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(command[2]!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(started.substituted).toEqual({ 'aws.scheduler.scheduled-time': command[2] });
  });

  it('an on-demand job runs with settings built from its manifest', async () => {
    const ports = emulatorPorts();
    await repo.apply(ports, 'reprocess');
    const ctx = await repo.context('reprocess');
    expect(ctx.settings.from).toBe('manifest');
    const started = await startRun(deps, {
      job: ctx.job,
      owner: OWNER,
      settings: ctx.settings,
      args: ['2019-01-01', '2020-01-01'],
    });
    const [task] = await describeTasks(repo.clusterArn, [started.tasks[0]!.taskArn]);
    expect(commandOf(task!, 'reprocess')).toEqual(['2019-01-01', '2020-01-01']);
    expect(task?.launchType).toBe('FARGATE');
  });

  it('refuses a job that was never applied, without registering anything', async () => {
    const ports = emulatorPorts();
    const ctx = await repo.context('daily');
    await expect(
      startRun({ ...deps, ecs: ports.ecs }, { job: ctx.job, owner: OWNER, settings: ctx.settings }),
    ).rejects.toMatchObject({
      code: 'NotFound',
      hint: 'run `berth apply` first',
    });
    expect(ports.calls.snapshot()['ecs:RegisterTaskDefinition']).toBeUndefined();
    expect(ports.calls.snapshot()['ecs:RunTask']).toBeUndefined();
  });

  it('--wait follows the task to STOPPED and passes on the exit code and stop reason', async () => {
    await repo.apply(emulatorPorts(), 'daily');
    const ctx = await repo.context('daily');
    const started = await startRun(deps, { job: ctx.job, owner: OWNER, settings: ctx.settings });
    const taskArns = started.tasks.map((t) => t.taskArn);
    // the emulator moves a task one state per DescribeTasks: RUNNING → … → STOPPED
    let polls = 0;
    const result = await waitRun(deps, { ...started, taskArns }, { onPoll: () => polls++ });
    expect(polls).toBeGreaterThan(1);
    expect(result).toMatchObject({
      status: 'stopped',
      exitCode: 0,
      outcomes: [{ result: 'Succeeded', lastStatus: 'STOPPED' }],
    });

    // a task stopped from outside: the reason comes through
    const second = await startRun(deps, { job: ctx.job, owner: OWNER, settings: ctx.settings });
    const arn = second.tasks[0]!.taskArn;
    await rawClients().ecs.send(
      new StopTaskCommand({ cluster: repo.clusterArn, task: arn, reason: 'stopped by the test' }),
    );
    const stopped = await waitRun(deps, { ...second, taskArns: [arn] }, {});
    expect(stopped.outcomes[0]).toMatchObject({
      lastStatus: 'STOPPED',
      stoppedReason: 'stopped by the test',
    });
  });

  it('--timeout gives up with exit 1 while the emulator task still runs', async () => {
    await setTaskTransition({ progression: 'manual', times: 1000 });
    await repo.apply(emulatorPorts(), 'daily');
    const ctx = await repo.context('daily');
    const started = await startRun(deps, { job: ctx.job, owner: OWNER, settings: ctx.settings });
    const result = await waitRun(
      deps,
      { ...started, taskArns: [started.tasks[0]!.taskArn] },
      { timeoutMs: 50 },
    );
    expect(result).toMatchObject({
      status: 'timeout',
      exitCode: 1,
      outcomes: [{ result: 'TimedOut', lastStatus: 'RUNNING' }],
    });
  });

  it('the CLI: berth run JOB --wait -o json -- ARGS exits with the task\u2019s code', async () => {
    await setTaskTransition({ progression: 'immediate' });
    await repo.apply(emulatorPorts(), 'reprocess');
    const out = await berth(repo.dir, [
      'run',
      'reprocess',
      '--wait',
      '-o',
      'json',
      '--env',
      'API_TOKEN=s3cret',
      '--',
      '2018-01-01',
      '2019-01-01',
    ]);
    expect(out.stderr).not.toContain('s3cret');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as {
      tasks: { taskArn: string }[];
      overrides: { containerOverrides: { command: string[]; environment: { value: string }[] }[] };
      wait: { status: string; exitCode: number };
    };
    expect(json.wait).toMatchObject({ status: 'stopped', exitCode: 0 });
    expect(json.overrides.containerOverrides[0]!.command).toEqual(['2018-01-01', '2019-01-01']);
    expect(out.stdout).not.toContain('s3cret');
    const [task] = await describeTasks(repo.clusterArn, [json.tasks[0]!.taskArn]);
    expect(commandOf(task!, 'reprocess')).toEqual(['2018-01-01', '2019-01-01']);
    expect(task?.overrides?.containerOverrides?.[0]?.environment).toEqual([
      { name: 'API_TOKEN', value: 's3cret' },
    ]);
  });

  it('the CLI: --logs prints the container\u2019s CloudWatch lines while it waits, then the task\u2019s end', async () => {
    await setTaskTransition({ progression: 'manual', times: 1_000_000 });
    await repo.apply(emulatorPorts(), 'daily');
    const running = berth(repo.dir, ['run', 'daily', '--logs']);
    // the task the CLI started; then its container "writes" the way awslogs does, and stops
    let arn: string | undefined;
    for (let i = 0; i < 200 && !arn; i++) {
      arn = (await rawClients().ecs.send(new ListTasksCommand({ cluster: repo.clusterArn }))).taskArns?.[0];
      if (!arn) await new Promise((r) => setTimeout(r, 50));
    }
    expect(arn).toBeDefined();
    const logs = new CloudWatchLogsClient({
      endpoint: emulatorEndpoint(),
      region: REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const stream = `daily/etl/${arn!.split('/').pop()}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/berth/it-daily' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/berth/it-daily', logStreamName: stream }));
    const now = Date.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/berth/it-daily',
        logStreamName: stream,
        logEvents: [
          { timestamp: now, message: 'loading 2018-01-01' },
          { timestamp: now + 1, message: 'done: 1234 rows' },
        ],
      }),
    );
    await rawClients().ecs.send(
      new StopTaskCommand({ cluster: repo.clusterArn, task: arn, reason: 'finished' }),
    );
    const out = await running;
    expect(out.code).toBe(0); // the task's exit code (moto stops containers with 0)
    expect(out.stdout).toContain('loading 2018-01-01\ndone: 1234 rows\n');
    // each line once, before the result
    expect(out.stdout.split('done: 1234 rows').length).toBe(2);
    expect(out.stdout.indexOf('done: 1234 rows')).toBeLessThan(out.stdout.indexOf('exit code 0'));
    expect(out.stderr).not.toContain('cannot read the logs');
  });

  it('the CLI: a job that was never applied exits 1 with the hint', async () => {
    const out = await berth(repo.dir, ['run', 'daily']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('has no ACTIVE revision');
    expect(out.stderr).toContain('hint: run `berth apply` first');
  });
});
