import { ListTaskDefinitionsCommand, type TaskDefinitionStatus } from '@aws-sdk/client-ecs';
import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
  registerTaskDefinition,
  updateScheduleOutOfBand,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, TestRepo, type RepoNetwork } from '../../support/repo.js';

let ports: AwsPorts;
let network: RepoNetwork;
let repo: TestRepo | undefined;

async function revisions(family: string, status: TaskDefinitionStatus): Promise<string[]> {
  const out = await rawClients().ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status }));
  return (out.taskDefinitionArns ?? []).filter((a) => a.includes(`/${family}:`));
}

async function scheduleNames(group: string): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListSchedulesCommand({ GroupName: group }));
  return (out.Schedules ?? []).map((s) => s.Name ?? '').sort();
}

async function scheduleTarget(name: string, group = 'berth-test'): Promise<string | undefined> {
  const out = await rawClients().scheduler.send(new GetScheduleCommand({ Name: name, GroupName: group }));
  return out.Target?.EcsParameters?.TaskDefinitionArn;
}

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts();
  await createCluster('etl');
  network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
});

afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

describe('apply', () => {
  it('creates everything on an empty account, then plans and applies as a no-op', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a'), 'b.yaml': jobYaml('b') });
    const first = await applyRepo(repo.dir, ports);
    expect(first.ok).toBe(true);
    expect(first.group).toBe('created');
    expect(first.jobs.map((j) => j.outcome)).toEqual(['applied', 'applied']);
    expect(await scheduleNames('berth-test')).toEqual(['t-a', 't-b']);
    expect(await revisions('t-a', 'ACTIVE')).toHaveLength(1);
    // Every schedule is pinned to the exact revision just registered.
    expect(await scheduleTarget('t-a')).toMatch(/task-definition\/t-a:1$/);

    const again = await planRepo(repo.dir, ports);
    expect(pendingActions(again.plan)).toEqual([]);
    expect(again.plan.jobs.map((j) => j.status)).toEqual(['InSync', 'InSync']);

    const second = await applyRepo(repo.dir, ports);
    expect(second.ok).toBe(true);
    const writes = Object.keys(second.calls).filter((op) => !/:(List|Describe|Get)/.test(op));
    expect(writes).toEqual([]);
  });

  it('registers a new revision on change, repins the schedule and keeps keepRevisions', async () => {
    repo = await TestRepo.create(configYaml({ network, keepRevisions: 2 }), { 'a.yaml': jobYaml('a') });
    await applyRepo(repo.dir, ports);
    for (const tag of ['1.37', '1.38', '1.39']) {
      await repo.write('jobs/a.yaml', jobYaml('a', { image: tag }));
      const r = await applyRepo(repo.dir, ports);
      expect(r.ok).toBe(true);
      const td = r.plan.jobs[0]?.actions.find((x) => x.resource === 'taskDefinition');
      expect(td?.kind).toBe('update');
      expect(td?.changes.map((c) => c.path)).toEqual(['/containerDefinitions/a/image']);
    }
    expect((await revisions('t-a', 'ACTIVE')).map((a) => a.split(':').pop())).toEqual(['3', '4']);
    expect(await revisions('t-a', 'INACTIVE')).toHaveLength(2);
    expect(await scheduleTarget('t-a')).toMatch(/t-a:4$/);
    expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);
  });

  it('updates a schedule field in place without a new revision', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    await applyRepo(repo.dir, ports);
    await repo.write('jobs/a.yaml', jobYaml('a', { expression: 'cron(30 4 * * ? *)' }));
    const r = await applyRepo(repo.dir, ports);
    expect(pendingActions(r.plan)).toEqual(['update schedule t-a']);
    expect(await revisions('t-a', 'ACTIVE')).toHaveLength(1);
    const live = await rawClients().scheduler.send(
      new GetScheduleCommand({ Name: 't-a', GroupName: 'berth-test' }),
    );
    expect(live.ScheduleExpression).toBe('cron(30 4 * * ? *)');
  });

  it('deletes a removed job: schedule first, then its revisions', async () => {
    repo = await TestRepo.create(configYaml({ network }), {
      'a.yaml': jobYaml('a'),
      'b.yaml': jobYaml('b'),
      'c.yaml': jobYaml('c'),
    });
    await applyRepo(repo.dir, ports);
    await repo.remove('jobs/b.yaml');
    const r = await applyRepo(repo.dir, ports);
    expect(r.ok).toBe(true);
    const steps = r.jobs.find((j) => j.job === 'b')?.steps.map((s) => s.step);
    expect(steps).toEqual(['delete-schedule', 'deregister']);
    expect(await scheduleNames('berth-test')).toEqual(['t-a', 't-c']);
    expect(await revisions('t-b', 'ACTIVE')).toEqual([]);
    expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);
  });

  it('never deregisters a revision another schedule still references', async () => {
    repo = await TestRepo.create(configYaml({ network, keepRevisions: 1 }), {
      'a.yaml': jobYaml('a'),
      'b.yaml': jobYaml('b'),
    });
    await applyRepo(repo.dir, ports);
    // Out of band, b's schedule is pointed at a's first revision.
    const b = await rawClients().scheduler.send(
      new GetScheduleCommand({ Name: 't-b', GroupName: 'berth-test' }),
    );
    const aFirst = (await revisions('t-a', 'ACTIVE'))[0] as string;
    await updateScheduleOutOfBand({
      ...b,
      Name: 't-b',
      GroupName: 'berth-test',
      FlexibleTimeWindow: b.FlexibleTimeWindow ?? { Mode: 'OFF' },
      ScheduleExpression: b.ScheduleExpression ?? '',
      Target: { ...b.Target!, EcsParameters: { ...b.Target!.EcsParameters!, TaskDefinitionArn: aFirst } },
    });
    await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    const r = await applyRepo(repo.dir, ports, ['a']);
    expect(r.ok).toBe(true);
    expect(await revisions('t-a', 'ACTIVE')).toContain(aFirst);
    expect(r.jobs.find((j) => j.job === 'a')?.steps.map((s) => s.step)).toEqual([
      'register',
      'update-schedule',
    ]);
  });

  it('stops only the job whose family another owner holds', async () => {
    await registerTaskDefinition('t-b', { team: 'someone-else' });
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a'), 'b.yaml': jobYaml('b') });
    const r = await applyRepo(repo.dir, ports);
    expect(r.ok).toBe(false);
    expect(r.jobs.find((j) => j.job === 'a')?.outcome).toBe('applied');
    const b = r.jobs.find((j) => j.job === 'b');
    expect(b?.outcome).toBe('failed');
    expect(b?.error?.code).toBe('Ownership');
    expect(await revisions('t-b', 'ACTIVE')).toHaveLength(1);
    expect(await scheduleNames('berth-test')).toEqual(['t-a']);
  });

  it('reports drift on exactly the changed field and heals it', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    await applyRepo(repo.dir, ports);
    const a = await rawClients().scheduler.send(
      new GetScheduleCommand({ Name: 't-a', GroupName: 'berth-test' }),
    );
    await updateScheduleOutOfBand({
      ...a,
      Name: 't-a',
      GroupName: 'berth-test',
      FlexibleTimeWindow: a.FlexibleTimeWindow ?? { Mode: 'OFF' },
      ScheduleExpression: a.ScheduleExpression ?? '',
      Target: a.Target!,
      State: 'DISABLED',
    });
    const drifted = await planRepo(repo.dir, ports);
    const job = drifted.plan.jobs[0];
    expect(job?.status).toBe('Drifted');
    expect(job?.actions.find((x) => x.kind === 'update')?.changes).toEqual([
      { path: '/State', before: 'DISABLED', after: 'ENABLED' },
    ]);
    await applyRepo(repo.dir, ports);
    expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);
  });
});
