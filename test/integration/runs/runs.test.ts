// Run history from ECS on the emulator: runs started by `berth run`, by backfill and by a
// simulated Scheduler firing (moto does not fire schedules: the test starts the task the way
// Scheduler does, with startedBy "chronos-schedule/<name>"), told apart and described.
import { rm } from 'node:fs/promises';
import { RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKFILL_STARTED_BY } from '../../../src/run/backfill.js';
import { startRun } from '../../../src/run/run-job.js';
import { readRuns, schedulerStartedBy } from '../../../src/runs/index.js';
import { emulatorPorts, rawClients } from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import { berth, makeRepo, quickClock, type TestRepo } from '../run/support.js';

let repo: TestRepo;

beforeEach(async () => {
  await resetEmulator();
  repo = await makeRepo();
});
afterEach(async () => {
  await rm(repo.dir, { recursive: true, force: true });
});

/** Starts the job's task the way EventBridge Scheduler would for schedule `it-daily`. */
async function fireSchedule(taskDefinition: string, startedBy: string): Promise<string> {
  const ctx = await repo.context('daily');
  const out = await rawClients().ecs.send(
    new RunTaskCommand({ ...ctx.settings.params, cluster: repo.clusterArn, taskDefinition, startedBy }),
  );
  return out.tasks![0]!.taskArn!;
}

describe('runs of a job (emulator)', () => {
  it('lists runs by schedule, berth run and backfill, newest first, with logs and exit codes', async () => {
    const ports = emulatorPorts();
    const arn = await repo.apply(ports, 'daily');
    const ctx = await repo.context('daily');
    const scheduled = await fireSchedule(arn, schedulerStartedBy('it-daily'));
    const manual = await startRun(
      { ecs: ports.ecs, clock: quickClock, uuid: () => '00000000-0000-4000-8000-000000000001' },
      { job: ctx.job, owner: ctx.desired.owner, settings: ctx.settings },
    );
    const backfilled = await fireSchedule(arn, BACKFILL_STARTED_BY);
    await rawClients().ecs.send(
      new StopTaskCommand({ cluster: repo.clusterArn, task: backfilled, reason: 'test' }),
    );

    const runs = await readRuns(ports.ecs, [{ name: 'daily', family: 'it-daily', mainContainer: 'etl' }], {
      cluster: repo.clusterArn,
      now: Date.now(),
      region: 'us-east-1',
    });
    const daily = runs.get('daily')!;
    expect(daily).toHaveLength(3);
    const byTask = new Map(daily.map((r) => [r.taskArn, r]));
    expect(byTask.get(scheduled)).toMatchObject({
      trigger: 'schedule',
      startedBy: 'chronos-schedule/it-daily',
      taskDefinitionArn: arn,
      source: 'ecs',
    });
    expect(byTask.get(manual.tasks[0]!.taskArn)).toMatchObject({ trigger: 'berth-run' });
    expect(byTask.get(backfilled)).toMatchObject({
      trigger: 'backfill',
      lastStatus: 'STOPPED',
      result: 'Succeeded',
      exitCode: 0,
      stoppedReason: 'test',
    });
    expect(byTask.get(scheduled)!.logs[0]).toMatchObject({
      container: 'etl',
      group: '/berth/it-daily',
      stream: `daily/etl/${scheduled.split('/').pop()}`,
    });
    expect(byTask.get(scheduled)!.logs[0]!.url).toContain('us-east-1.console.aws.amazon.com/cloudwatch');
  });

  it('`berth runs` prints them, as text and as {kind, formatVersion} JSON; an unknown job is an error', async () => {
    const ports = emulatorPorts();
    const arn = await repo.apply(ports, 'daily');
    const scheduled = await fireSchedule(arn, schedulerStartedBy('it-daily'));

    const json = await berth(repo.dir, ['runs', 'daily', '-o', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      kind: string;
      formatVersion: number;
      jobs: { job: string; runs: { taskArn: string; trigger: string }[] }[];
    };
    expect(doc.kind).toBe('berth.runs');
    expect(doc.formatVersion).toBe(1);
    expect(doc.jobs).toEqual([
      { job: 'daily', runs: [expect.objectContaining({ taskArn: scheduled, trigger: 'schedule' })] },
    ]);

    const text = await berth(repo.dir, ['runs']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('daily:');
    expect(text.stdout).toContain(scheduled.split('/').pop());
    expect(text.stdout).toContain('reprocess: no recent runs');

    const bad = await berth(repo.dir, ['runs', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no job named "nope"');
  });
});
