// The wait loop and exit-code propagation with a fake clock and an in-memory EcsPort: the
// emulator only ever reports exit code 0, so non-zero codes, start failures and timeouts
// are exercised here.
import { describe, expect, it } from 'vitest';
import { startRun, waitRun } from '../../../src/run/run-job.js';
import type { RunDeps } from '../../../src/run/run-job.js';
import { waitForTasks } from '../../../src/run/wait.js';
import type { RunSettings } from '../../../src/run/run-settings.js';
import type { DesiredJob } from '../../../src/model/desired.js';
import { FakeClock, FakeEcs, ownedTags, throttled } from './support/fakes.js';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/etl';

function setup(containers = [{ name: 'etl' }, { name: 'sidecar', essential: false }]) {
  const ecs = new FakeEcs();
  ecs.revisions.push({ family: 'etl-j', revision: 3, tags: ownedTags('analytics'), containers });
  const clock = new FakeClock();
  let n = 0;
  const deps: RunDeps = { ecs, clock, uuid: () => `uuid-${++n}` };
  const job = { name: 'j', family: 'etl-j', contentHash: 'hash-1', mainContainer: 'etl' } as DesiredJob;
  const settings: RunSettings = {
    cluster: CLUSTER,
    params: { count: 1, launchType: 'FARGATE' },
    overrides: {},
    from: 'manifest',
  };
  return { ecs, clock, deps, job, settings };
}

async function runAndWait(s: ReturnType<typeof setup>, timeoutMs?: number) {
  const started = await startRun(s.deps, { job: s.job, owner: 'analytics', settings: s.settings });
  return waitRun(
    s.deps,
    { ...started, taskArns: started.tasks.map((t) => t.taskArn) },
    timeoutMs ? { timeoutMs } : {},
  );
}

describe('waitRun', () => {
  it('polls with growing pauses until STOPPED and succeeds on exit 0', async () => {
    const s = setup();
    s.ecs.scripts.push({
      statuses: ['PROVISIONING', 'PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'STOPPED'],
      exitCodes: { etl: 0, sidecar: 0 },
    });
    const r = await runAndWait(s);
    expect(r.status).toBe('stopped');
    expect(r.exitCode).toBe(0);
    expect(r.outcomes[0]!.result).toBe('Succeeded');
    expect(s.ecs.describeCalls).toBe(6);
    expect(s.clock.sleeps).toEqual([2000, 3000, 4500, 6750, 10125]);
  });

  it('passes on the essential container\u2019s non-zero exit code', async () => {
    const s = setup();
    s.ecs.scripts.push({ statuses: ['STOPPED'], exitCodes: { etl: 3, sidecar: 0 } });
    const r = await runAndWait(s);
    expect(r.exitCode).toBe(3);
    expect(r.outcomes[0]).toMatchObject({
      result: 'Failed',
      exitCode: 3,
      stoppedReason: 'Essential container in task exited',
      containers: [
        { name: 'etl', essential: true, exitCode: 3 },
        { name: 'sidecar', essential: false, exitCode: 0 },
      ],
    });
  });

  it('ignores a non-essential container\u2019s failure', async () => {
    const s = setup();
    s.ecs.scripts.push({ statuses: ['STOPPED'], exitCodes: { etl: 0, sidecar: 9 } });
    expect((await runAndWait(s)).exitCode).toBe(0);
  });

  it('a failing essential side container fails the run when the main one exited 0', async () => {
    const s = setup([{ name: 'etl' }, { name: 'router' }]);
    s.ecs.scripts.push({ statuses: ['STOPPED'], exitCodes: { etl: 0, router: 137 } });
    const r = await runAndWait(s);
    expect(r.exitCode).toBe(137);
  });

  it('a task that failed to start exits non-zero with the reason', async () => {
    const s = setup();
    s.ecs.scripts.push({
      statuses: ['PROVISIONING', 'STOPPED'],
      exitCodes: {},
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
    });
    const r = await runAndWait(s);
    expect(r.exitCode).toBe(1);
    expect(r.outcomes[0]).toMatchObject({ result: 'FailedToStart', stopCode: 'TaskFailedToStart' });
    expect(r.outcomes[0]!.stoppedReason).toMatch(/CannotPullContainerError/);
  });

  it('times out with exit 1 and keeps the last status', async () => {
    const s = setup();
    s.ecs.scripts.push({ statuses: ['RUNNING'] });
    const r = await runAndWait(s, 60_000);
    expect(r.status).toBe('timeout');
    expect(r.exitCode).toBe(1);
    expect(r.outcomes[0]).toMatchObject({ result: 'TimedOut', lastStatus: 'RUNNING' });
    // never sleeps past the deadline
    expect(s.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('an exit code outside 1–255 becomes 1', async () => {
    const s = setup();
    s.ecs.scripts.push({ statuses: ['STOPPED'], exitCodes: { etl: 300 } });
    expect((await runAndWait(s)).exitCode).toBe(1);
  });

  it('several tasks: the first failing one decides', async () => {
    const s = setup();
    s.settings.params.count = 2;
    s.ecs.scripts.push(
      { statuses: ['STOPPED'], exitCodes: { etl: 0 } },
      { statuses: ['RUNNING', 'STOPPED'], exitCodes: { etl: 4 } },
    );
    const r = await runAndWait(s);
    expect(r.outcomes.map((o) => o.result)).toEqual(['Succeeded', 'Failed']);
    expect(r.exitCode).toBe(4);
  });
});

describe('waitForTasks', () => {
  it('rides out a few transient DescribeTasks errors, then gives up', async () => {
    const s = setup();
    const { tasks } = await s.ecs.runTask({ taskDefinition: s.ecs.arnOf(s.ecs.revisions[0]!) });
    const arn = tasks[0]!.taskArn!;
    let failures = 2;
    s.ecs.describeError = () => {
      if (failures-- > 0) return throttled();
      s.ecs.describeError = undefined;
      return throttled();
    };
    const r = await waitForTasks(s.ecs, CLUSTER, [arn], { clock: s.clock });
    expect(r.status).toBe('stopped');

    s.ecs.describeError = throttled;
    await expect(waitForTasks(s.ecs, CLUSTER, [arn], { clock: s.clock })).rejects.toThrow(/Rate exceeded/);
  });

  it('a terminal error is not retried', async () => {
    const s = setup();
    s.ecs.describeError = () => new Error('boom');
    await expect(waitForTasks(s.ecs, CLUSTER, ['x'], { clock: s.clock })).rejects.toThrow('boom');
    expect(s.ecs.describeCalls).toBe(1);
  });

  it('stops waiting when the signal aborts', async () => {
    const s = setup();
    s.ecs.scripts.push({ statuses: ['RUNNING'] });
    const { tasks } = await s.ecs.runTask({ taskDefinition: s.ecs.arnOf(s.ecs.revisions[0]!) });
    const ac = new AbortController();
    const r = await waitForTasks(s.ecs, CLUSTER, [tasks[0]!.taskArn!], {
      clock: s.clock,
      signal: ac.signal,
      onPoll: () => ac.abort(),
    });
    expect(r.status).toBe('aborted');
    expect(r.polls).toBe(1);
  });
});
